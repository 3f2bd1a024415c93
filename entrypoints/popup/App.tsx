import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { Alert } from '@/components/Alert';
import { ActingStatus } from '@/components/popup/ActingStatus';
import { AllowSite } from '@/components/popup/AllowSite';
import { InviteForm, type Invited } from '@/components/popup/InviteForm';
import { RecentCalls } from '@/components/popup/RecentCalls';
import { RelayNotice } from '@/components/popup/RelayNotice';
import { LeaveGroup } from '@/components/popup/LeaveGroup';
import { SubWorkspaces } from '@/components/popup/SubWorkspaces';
import { StartUpProblem } from '@/components/StartUpProblem';
import { UnstructuredList } from '@/components/popup/UnstructuredList';
import { openConsole } from '@/components/open-console';
import { useActiveTab } from '@/components/popup/use-active-tab';
import { useRequest } from '@/components/use-request';
import { checkingRemovals, listedMembers, needsRefresh } from '@/lib/pages/group-view';
import { primaryAccount, useUi } from '@/lib/pages/ui-store';
import { agencyNamesOf, keyNoteOf } from '@/lib/common/agencies';
import type { Account } from '@/lib/common/model';

function openSettings() {
  void browser.runtime.openOptionsPage();
}

/** What the connected key's workspace is, in a few words (beside its name in the header). */
function kindOf(accounts: Account[], account: Account): string {
  if (accounts.length > 1) return `${accounts.length} connected workspaces`;
  switch (account.kind) {
    case 'admin':
      return 'Admin workspace';
    case 'sub':
      return `Sub workspace of ${account.admin?.name ?? 'an admin workspace'}`;
    case 'standalone':
      return 'Not in a workspace group';
  }
}

export function App() {
  const {
    loaded,
    accounts,
    group,
    groupComplete,
    groupHead,
    actingAs,
    tabActing,
    notices,
    operations,
    allowedSites,
    unstructuredWorkspaces,
    unstructuredInUse,
    workspaceLooks,
  } = useUi();
  const { glances, glanceRun, attentionFirst } = useUi();
  const tab = useActiveTab();
  const request = useRequest();
  // A refresh's failure is stored with the group (group.error) and shown from there.
  const refresh = useRequest();
  const runRefresh = () => void refresh.run({ type: 'refresh' });
  const members = useMemo(
    () => listedMembers(group.members, operations, workspaceLooks),
    [group.members, operations, workspaceLooks],
  );
  const checking = useMemo(() => checkingRemovals(operations), [operations]);
  const [invited, setInvited] = useState<Invited | null>(null);
  // The invite box is behind "Add sub workspace" (Instantly's name for it): the rows keep the room.
  const [inviting, setInviting] = useState(false);
  const account = primaryAccount(accounts);
  // Only with several agencies: which one each row is in, and whose key a page must use.
  const agencyNames = useMemo(() => agencyNamesOf(accounts), [accounts]);
  const recentCalls = useUi((s) => s.recentCalls);
  const relayNoticeSeen = useUi((s) => s.relayNoticeSeen);

  useEffect(() => {
    if (needsRefresh(account, group)) runRefresh();
    // Once per set of connected workspaces, not on every change of the group.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accounts.map((a) => a.workspaceId).join()]);

  if (!loaded) return null;
  if (!account) {
    return (
      <main className="popup">
        <h1>Workspace Switcher</h1>
        <StartUpProblem />
        <p>Connect your Instantly API key to see your workspace group.</p>
        <button type="button" className="primary" onClick={openSettings}>
          Open settings
        </button>
        <UnstructuredList workspaces={unstructuredWorkspaces} inUse={unstructuredInUse} />
        <RecentCalls calls={recentCalls} />
      </main>
    );
  }

  return (
    <main className="popup">
      <header className="bar">
        <h1 title={kindOf(accounts, account)}>
          {accounts.length > 1 ? accounts.map((a) => a.workspaceName).join(' · ') : account.workspaceName}{' '}
          <span className="muted kind">{kindOf(accounts, account)}</span>
        </h1>
        <div className="bar-buttons">
          {account.kind !== 'sub' && (
            <button type="button" onClick={openConsole} aria-label="Open console">
              Console
            </button>
          )}
          {account.kind !== 'sub' && (
            <button
              type="button"
              aria-label="Add sub workspace"
              aria-expanded={inviting}
              aria-controls={inviting ? 'invite' : undefined}
              onClick={() => setInviting((open) => !open)}
            >
              + Add
            </button>
          )}
          <button type="button" onClick={runRefresh} disabled={refresh.busy} aria-label="Refresh">
            ↻
          </button>
          <button type="button" onClick={openSettings} aria-label="Settings">
            ⚙
          </button>
        </div>
      </header>

      <ActingStatus
        account={account}
        actingAs={actingAs}
        tabActing={tabActing}
        tabId={tab?.id}
        looks={workspaceLooks}
        adminName={agencyNames ? [...agencyNames.values()].join(', ') : undefined}
        keyNote={(target) => keyNoteOf(target, group.members, accounts, agencyNames)}
        send={(r) => void request.run(r)}
      />
      <AllowSite url={tab?.url} allowed={allowedSites} />
      <StartUpProblem />

      {notices.map((n) => (
        <Alert key={n.id} message={n.text} onDismiss={() => void request.run({ type: 'dismissNotice', id: n.id })} />
      ))}
      <RelayNotice
        calls={recentCalls}
        seenAt={relayNoticeSeen}
        onDismiss={() => void request.run({ type: 'dismissRelayNotice' })}
      />
      {request.error && <Alert message={request.error} onDismiss={() => request.setError(null)} />}
      {group.error && (
        <Alert
          message={group.error}
          action={
            group.remedy === 'retry'
              ? { label: 'Retry', run: runRefresh }
              : group.remedy === 'new-key'
                ? { label: 'Paste a new key', run: openSettings }
                : undefined
          }
        />
      )}

      {accounts
        .filter((a) => a.kind === 'sub')
        .map((a) => (
          <LeaveGroup key={a.workspaceId} account={a} several={accounts.length > 1} />
        ))}
      {account.kind !== 'sub' && (
        <>
          {inviting && <InviteForm onInvited={setInvited} agencies={accounts.filter((a) => a.kind !== 'sub')} />}
          <SubWorkspaces
            members={members}
            checking={checking}
            complete={groupComplete}
            head={groupHead}
            actingAsId={actingAs?.workspaceId ?? null}
            canRemove={accounts.some((a) => a.kind === 'admin')}
            agencyNames={agencyNames}
            accounts={accounts}
            tabId={tab?.id}
            glances={glances}
            glanceRun={glanceRun}
            attentionFirst={attentionFirst}
            onActAs={(member, tabId) => void request.run({ type: 'actAs', workspaceId: member.workspaceId, tabId })}
            onRemove={(member) => void request.run({ type: 'remove', membershipId: member.membershipId })}
            onRefusal={request.setError}
            reveal={invited}
            looks={workspaceLooks}
            onLook={(member, change) =>
              void request.run({ type: 'setWorkspaceLook', workspaceId: member.workspaceId, ...change })
            }
          />
        </>
      )}

      <footer className="footer">
        <UnstructuredList workspaces={unstructuredWorkspaces} inUse={unstructuredInUse} />
        <RecentCalls calls={recentCalls} />
      </footer>
    </main>
  );
}
