import { useState } from 'react';
import { primaryAccount, useUi } from '@/lib/pages/ui-store';
import { adminIdOf, type Account } from '@/lib/common/model';
import { Alert } from '../Alert';
import { BusyButton } from '../BusyButton';
import { useRequest } from '../use-request';
import { NotifyToggle } from './NotifyToggle';

/** What a connected workspace is, in words ("an admin workspace with 12 sub workspaces."). */
function whatItIs(account: Account, subs: number): string {
  if (account.kind === 'admin') return `an admin workspace with ${subs} sub workspaces.`;
  if (account.kind === 'sub') return `a sub workspace of ${account.admin?.name ?? 'an admin workspace'}.`;
  return 'a workspace in no workspace group.';
}

/**
 * Connecting Instantly keys: `Save key` adds the key's workspace to the connected ones (a key
 * for one already connected replaces its key); each says what it is, where its key is kept, and
 * can be forgotten on its own.
 */
export function InstantlyKey() {
  const { accounts, group, groupHead } = useUi();
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(false);
  const [saved, setSaved] = useState(false);
  const request = useRequest();
  const forget = useRequest();
  const keep = useRequest();
  const several = accounts.length > 1;
  const subsOf = (a: Account) =>
    several ? group.members.filter((m) => adminIdOf(m, accounts) === a.workspaceId).length : groupHead.total;

  async function save(event: React.SubmitEvent) {
    event.preventDefault();
    setSaved(false);
    if (await request.run({ type: 'saveKey', key, remember })) {
      setKey('');
      setSaved(true);
    }
  }

  const rememberBox = (a: Account) => (
    <label className="check">
      <input
        type="checkbox"
        checked={a.remembered}
        disabled={keep.busy}
        onChange={(event) =>
          void keep.run({ type: 'rememberKey', workspaceId: a.workspaceId, remember: event.target.checked })
        }
      />
      Remember {a.workspaceName} on this device
    </label>
  );
  const only = accounts.length === 1 ? accounts[0] : undefined;

  return (
    <section className="card" aria-labelledby="instantly-heading">
      <h2 id="instantly-heading">Instantly</h2>
      <div role="status">
        {only ? (
          <p>
            {saved && <span className="ok">Key saved. </span>}
            Connected to <strong>{only.workspaceName}</strong> — {whatItIs(only, subsOf(only))}{' '}
            <span className="muted">
              {only.remembered ? 'The key is remembered on this device.' : 'The key is kept until the browser closes.'}
            </span>
          </p>
        ) : several ? (
          <p>
            {saved && <span className="ok">Key saved. </span>}
            Connected to {accounts.length} workspaces.
          </p>
        ) : (
          <p className="muted">No key connected. Create one in Instantly under Settings → Integrations → API Keys.</p>
        )}
      </div>
      {only && rememberBox(only)}
      {several && (
        <ul aria-label="Connected workspaces" className="connected">
          {accounts.map((a) => (
            <li key={a.workspaceId}>
              <p>
                <strong>{a.workspaceName}</strong> — {whatItIs(a, subsOf(a))}{' '}
                <span className="muted">
                  {a.remembered ? 'Its key is remembered on this device.' : 'Its key is kept until the browser closes.'}
                </span>
              </p>
              <div className="inline-form">
                {rememberBox(a)}
                <button
                  type="button"
                  onClick={() =>
                    void forget.run({ type: 'forgetKey', workspaceId: a.workspaceId }).then(() => setSaved(false))
                  }
                >
                  Forget {a.workspaceName}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => void save(event)} className="field">
        <label htmlFor="instantly-key">Instantly API key</label>
        <input
          id="instantly-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(event) => setKey(event.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
          Remember on this device
        </label>
        <div className="inline-form">
          <BusyButton type="submit" className="primary" busy={request.busy} busyText="Checking the key with Instantly…">
            Save key
          </BusyButton>
          {only && (
            <button type="button" onClick={() => void forget.run({ type: 'forgetKey' }).then(() => setSaved(false))}>
              Forget key
            </button>
          )}
        </div>
      </form>
      {request.error && <Alert message={request.error} />}
      {(forget.error ?? keep.error) && <Alert message={forget.error ?? keep.error ?? ''} />}
      {!request.error && group.remedy === 'new-key' && group.error && <Alert message={group.error} />}
      {primaryAccount(accounts)?.kind === 'admin' && <NotifyToggle />}
    </section>
  );
}
