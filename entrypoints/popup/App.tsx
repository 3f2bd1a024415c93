import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { Alert } from '@/components/Alert';
import { AllowSite } from '@/components/AllowSite';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { InviteForm } from '@/components/InviteForm';
import { recallSearch, rememberSearch } from '@/lib/pages/last-search';
import { LeaveGroup } from '@/components/LeaveGroup';
import { StartUpProblem } from '@/components/StartUpProblem';
import { UnstructuredList } from '@/components/UnstructuredList';
import { useActiveTab } from '@/components/use-active-tab';
import { useRequest } from '@/components/use-request';
import { WorkspaceList } from '@/components/WorkspaceList';
import { filterMembers } from '@/lib/pages/search';
import { displayName, FRESH_FOR_MS, type Member } from '@/lib/shared/model';
import { useUi } from '@/lib/pages/ui-store';

function openSettings() {
  void browser.runtime.openOptionsPage();
}

export function App() {
  const { loaded, account, group, groupComplete, groupHead, actingAs, tabActing, notices, operations, allowedSites, unstructuredWorkspaces, unstructuredInUse } =
    useUi();
  const tab = useActiveTab();
  const [query, setQuery] = useState(recallSearch);
  const [thisTabOnly, setThisTabOnly] = useState(false);
  const deferredQuery = useDeferredValue(query);
  const [highlighted, setHighlighted] = useState(0);
  // Read out by screen readers as the arrow keys move (the rows are virtualised, not focused).
  const [announcement, setAnnouncement] = useState('');
  const [removing, setRemoving] = useState<Member | null>(null);
  const request = useRequest();
  // A refresh's failure is stored with the group (group.error) and shown from there.
  const refresh = useRequest();
  const runRefresh = () => void refresh.run({ type: 'refresh' });

  // A removal in flight hides its row at once; if the server refuses, the row comes back.
  const visible = useMemo(() => {
    const removing = new Set(operations.filter((op) => op.kind === 'remove').map((op) => op.membershipId));
    return removing.size ? group.members.filter((m) => !removing.has(m.membershipId)) : group.members;
  }, [group.members, operations]);
  const members = useMemo(() => filterMembers(visible, deferredQuery), [visible, deferredQuery]);
  useEffect(() => {
    setHighlighted(0);
    rememberSearch(deferredQuery);
  }, [deferredQuery]);

  // The stored group shows at once; a refresh runs behind it unless the group is fresh (opening
  // the popup fifty times a day must not list every member fifty times).
  useEffect(() => {
    if (account && (group.error || !group.syncedAt || Date.now() - group.syncedAt > FRESH_FOR_MS)) runRefresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [account?.workspaceId]);

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
      </main>
    );
  }

  const tabChoice = tab ? tabActing[String(tab.id)] : undefined;
  const actAs = (member: Member) =>
    void request.run({ type: 'actAs', workspaceId: member.workspaceId, tabId: thisTabOnly && tab ? tab.id : undefined });
  const { total, counts } = groupHead;

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = Math.min(Math.max(highlighted + step, 0), Math.max(members.length - 1, 0));
      setHighlighted(next);
      const member = members[next];
      if (member) setAnnouncement(`${displayName(member)}, ${member.status}, ${next + 1} of ${members.length}`);
    } else if (event.key === 'Enter') {
      const member = members[highlighted];
      if (member?.status === 'accepted') actAs(member);
      else if (member) request.setError(`${displayName(member)} can’t be acted as: its invitation is ${member.status}.`);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (query) setQuery('');
      else window.close();
    }
  }

  return (
    <main className="popup">
      <header className="bar">
        <div>
          <h1>{account.workspaceName}</h1>
          <p className="muted">
            {account.kind === 'admin' && 'Admin workspace'}
            {account.kind === 'sub' && `Sub workspace of ${account.admin?.name ?? 'an admin workspace'}`}
            {account.kind === 'standalone' && 'Not in a workspace group'}
          </p>
        </div>
        <div className="bar-buttons">
          <button type="button" onClick={runRefresh} disabled={refresh.busy} aria-label="Refresh">
            ↻
          </button>
          <button type="button" onClick={openSettings} aria-label="Settings">
            ⚙
          </button>
        </div>
      </header>

      <section role="status" className="status">
        {actingAs ? (
          <>
            <span>
              Acting as <strong>{actingAs.name}</strong>
              {tabChoice !== undefined && ' everywhere else'}
            </span>
            <button type="button" onClick={() => void request.run({ type: 'actAs', workspaceId: null })}>
              Stop acting
            </button>
          </>
        ) : (
          <span>
            Acting as the admin workspace <strong>{account.workspaceName}</strong>
            {tabChoice !== undefined && ' everywhere else'}
          </span>
        )}
      </section>
      {tab && tabChoice !== undefined && (
        <section className="status" aria-label="This tab">
          <span>
            This tab: <strong>{tabChoice ? tabChoice.name : `the admin workspace (${account.workspaceName})`}</strong>
          </span>
          <button type="button" onClick={() => void request.run({ type: 'followEverywhere', tabId: tab.id })}>
            Stop acting in this tab
          </button>
        </section>
      )}
      <AllowSite url={tab?.url} allowed={allowedSites} />
      <StartUpProblem />

      {notices.map((n) => (
        <Alert key={n.id} message={n.text} onDismiss={() => void request.run({ type: 'dismissNotice', id: n.id })} />
      ))}
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

      {account.kind === 'sub' && <LeaveGroup account={account} />}
      {account.kind !== 'sub' && (
        <>
          <InviteForm />
          <input
            type="search"
            aria-label="Search workspaces"
            placeholder="Search by name or ID"
            autoFocus
            className="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onKeyDown}
            aria-controls="sub-workspaces"
            aria-activedescendant={members.length > 0 ? `row-${highlighted}` : undefined}
          />
          <label className="check muted">
            <input type="checkbox" checked={thisTabOnly} onChange={(event) => setThisTabOnly(event.target.checked)} disabled={!tab} />
            This tab only
          </label>
          <p className="muted summary">
            {total} sub workspaces · {counts.accepted} accepted · {counts.pending} pending · {counts.rejected} rejected
            {deferredQuery && (groupComplete ? ` · ${members.length} shown` : ' · searching the whole list…')}
          </p>
          <p aria-live="polite" className="sr-only">
            {announcement}
          </p>
          <WorkspaceList
            members={members}
            highlighted={highlighted}
            actingAsId={actingAs?.workspaceId ?? null}
            canRemove={account.kind === 'admin'}
            onActAs={actAs}
            onRemove={setRemoving}
          />
        </>
      )}

      <UnstructuredList workspaces={unstructuredWorkspaces} inUse={unstructuredInUse} />

      {removing && (
        <ConfirmDialog
          title={`Remove ${displayName(removing)}?`}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            void request.run({ type: 'remove', membershipId: removing.membershipId });
            setRemoving(null);
          }}
        >
          Removal is immediate and needs no consent from the sub workspace.
        </ConfirmDialog>
      )}
    </main>
  );
}
