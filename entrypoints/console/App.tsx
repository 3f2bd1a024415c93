import { useMemo, useState } from 'react';
import { Alert } from '@/components/Alert';
import { Overview } from '@/components/console/Overview';
import { useNow } from '@/components/console/use-now';
import { StartUpProblem } from '@/components/StartUpProblem';
import { visibleMembers } from '@/lib/pages/group-view';
import { overviewRows } from '@/lib/pages/console/overview-rows';
import { useUi } from '@/lib/pages/ui-store';
import { agenciesOf } from '@/lib/common/model';
import { DEFAULT_PERIOD, type Period } from '@/lib/pages/console/period';

export function App() {
  const { accounts, group, operations, workspaceLooks, glances } = useUi();
  const rows = useMemo(
    () => overviewRows(visibleMembers(group.members, operations), accounts, workspaceLooks),
    [group.members, operations, accounts, workspaceLooks],
  );
  const agencies = agenciesOf(accounts);
  const now = useNow();
  const [period, setPeriod] = useState<Period>(DEFAULT_PERIOD);
  return (
    <main className="console">
      <header>
        <h1>Agency console</h1>
        <p className="muted">
          {agencies.length === 0
            ? 'Connect an agency’s Instantly key in the settings to see its sub workspaces here.'
            : `Every sub workspace of ${agencies.map((a) => a.workspaceName).join(', ')}.`}
        </p>
      </header>
      <StartUpProblem />
      {group.error && <Alert message={group.error} />}
      <Overview rows={rows} glances={glances} now={now} period={period} onPeriod={setPeriod} />
    </main>
  );
}
