import { AllowedSites } from '@/components/options/AllowedSites';
import { InstantlyKey } from '@/components/options/InstantlyKey';
import { MoveSettings } from '@/components/options/MoveSettings';
import { Shortcuts } from '@/components/options/Shortcuts';
import { UnstructuredSettings } from '@/components/options/UnstructuredSettings';
import { useUi } from '@/lib/pages/ui-store';

export function App() {
  const allowedSites = useUi((state) => state.allowedSites);
  const unstructured = useUi((state) => state.unstructuredWorkspaces);
  const unstructuredSites = useUi((state) => state.unstructuredSites);
  return (
    <main className="options">
      <h1>Workspace Switcher settings</h1>
      <InstantlyKey />
      <UnstructuredSettings workspaces={unstructured} />
      <Shortcuts />
      <AllowedSites sites={allowedSites} unstructuredSites={unstructuredSites} hasUnstructured={unstructured.length > 0} />
      <MoveSettings />
    </main>
  );
}
