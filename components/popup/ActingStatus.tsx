import type { Account, TabChoices, Target } from '@/lib/shared/model';
import type { Request } from '@/lib/shared/messages';

/** Whom the API calls go out as: everywhere, and in this tab when it has a choice of its own. */
export function ActingStatus({
  account,
  actingAs,
  tabActing,
  tabId,
  send,
}: {
  account: Account;
  actingAs: Target | null;
  tabActing: TabChoices;
  tabId: number | undefined;
  send: (request: Request) => void;
}) {
  const tabChoice = tabId === undefined ? undefined : tabActing[String(tabId)];
  return (
    <>
      <section role="status" className="status">
        {actingAs ? (
          <>
            <span>
              Acting as <strong>{actingAs.name}</strong>
              {tabChoice !== undefined && ' everywhere else'}
            </span>
            <button type="button" onClick={() => send({ type: 'actAs', workspaceId: null })}>
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
      {tabId !== undefined && tabChoice !== undefined && (
        <section className="status" aria-label="This tab">
          <span>
            This tab: <strong>{tabChoice ? tabChoice.name : `the admin workspace (${account.workspaceName})`}</strong>
          </span>
          <button type="button" onClick={() => send({ type: 'followEverywhere', tabId })}>
            Stop acting in this tab
          </button>
        </section>
      )}
    </>
  );
}
