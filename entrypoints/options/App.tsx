import { useMemo } from 'react';
import { AllowedSites } from '@/components/options/AllowedSites';
import { InstantlyKey } from '@/components/options/InstantlyKey';
import { MoveSettings } from '@/components/options/MoveSettings';
import { openConsole } from '@/components/open-console';
import { Shortcuts } from '@/components/options/Shortcuts';
import { UnstructuredSettings } from '@/components/options/UnstructuredSettings';
import { useUi } from '@/lib/pages/ui-store';
import { UNSTRUCTURED_DEFAULT_ORIGIN } from '@/lib/common/sites/hosts';
import { apiOriginsOf, keyScope } from '@/lib/common/sites/unstructured-key-sites';
import { normaliseApiUrl } from '@/lib/common/sites/unstructured-url';

export function App() {
  const accounts = useUi((state) => state.accounts);
  const allowedSites = useUi((state) => state.allowedSites);
  const unstructured = useUi((state) => state.unstructuredWorkspaces);
  const unstructuredSites = useUi((state) => state.unstructuredSites);
  const unstructuredInUse = useUi((state) => state.unstructuredInUse);
  // Why a ticked site gets no key, as the background's rule decides it.
  const keyBlocked = useMemo(() => {
    const inUse = unstructured.find((w) => w.id === unstructuredInUse);
    const apiOrigin = normaliseApiUrl(inUse?.apiBase)?.origin ?? UNSTRUCTURED_DEFAULT_ORIGIN;
    return keyScope({ apiOrigin, allowedSites, optedIn: unstructuredSites, apiOrigins: apiOriginsOf(unstructured) })
      .blocked;
  }, [unstructured, unstructuredInUse, allowedSites, unstructuredSites]);
  return (
    <main className="options">
      <header className="bar">
        <h1>Workspace Switcher settings</h1>
        {accounts.some((a) => a.kind !== 'sub') && (
          <button type="button" onClick={openConsole}>
            Open console
          </button>
        )}
      </header>
      <InstantlyKey />
      <UnstructuredSettings workspaces={unstructured} unstructuredSites={unstructuredSites} keyBlocked={keyBlocked} />
      <Shortcuts />
      <AllowedSites
        sites={allowedSites}
        unstructuredSites={unstructuredSites}
        hasUnstructured={unstructured.length > 0}
        keyBlocked={keyBlocked}
      />
      <MoveSettings />
    </main>
  );
}
