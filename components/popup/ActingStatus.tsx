import type { Account, TabChoices, Target, WorkspaceLooks } from '@/lib/common/model';
import { nameWithLabel } from '@/lib/common/workspace-looks';
import type { Request } from '@/lib/common/messages';

/** Whom the API calls go out as: everywhere, and in this tab when it has a choice of its own. */
export function ActingStatus({
  account,
  actingAs,
  tabActing,
  tabId,
  looks,
  adminName,
  keyNote,
  send,
}: {
  account: Account;
  actingAs: Target | null;
  tabActing: TabChoices;
  tabId: number | undefined;
  /** The user's labels, shown beside the workspace's name. */
  looks: WorkspaceLooks;
  /** With several agencies: their names, said instead of the one admin workspace's. */
  adminName?: string;
  /** With several agencies: whose key a page must use for this target ("Pages must use …'s key"). */
  keyNote?: (target: Target) => string | undefined;
  send: (request: Request) => void;
}) {
  const tabChoice = tabId === undefined ? undefined : tabActing[String(tabId)];
  const admin = adminName ?? account.workspaceName;
  const note = actingAs ? keyNote?.(actingAs) : undefined;
  const tabNote = tabChoice ? keyNote?.(tabChoice) : undefined;
  return (
    <>
      <section role="status" className="status">
        {actingAs ? (
          <>
            <span>
              Acting as <strong>{nameWithLabel(looks, actingAs.workspaceId, actingAs.name)}</strong>
              {tabChoice !== undefined && ' everywhere else'}
              {note && <span className="muted"> · {note}</span>}
            </span>
            <button type="button" onClick={() => send({ type: 'actAs', workspaceId: null })}>
              Stop acting
            </button>
          </>
        ) : (
          <span>
            Acting as the admin workspace <strong>{admin}</strong>
            {tabChoice !== undefined && ' everywhere else'}
          </span>
        )}
      </section>
      {tabId !== undefined && tabChoice !== undefined && (
        <section className="status" aria-label="This tab">
          <span>
            This tab:{' '}
            <strong>
              {tabChoice
                ? nameWithLabel(looks, tabChoice.workspaceId, tabChoice.name)
                : `the admin workspace (${admin})`}
            </strong>
            {tabNote && <span className="muted"> · {tabNote}</span>}
          </span>
          <button type="button" onClick={() => send({ type: 'followEverywhere', tabId })}>
            Stop acting in this tab
          </button>
        </section>
      )}
    </>
  );
}
