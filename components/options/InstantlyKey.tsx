import { useState } from 'react';
import { useUi } from '@/lib/pages/ui-store';
import { Alert } from '../Alert';
import { BusyButton } from '../BusyButton';
import { useRequest } from '../use-request';
import { NotifyToggle } from './NotifyToggle';

/** Connecting an Instantly key: what it belongs to, where it is kept, and forgetting it. */
export function InstantlyKey() {
  const { account, group, groupHead } = useUi();
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(false);
  const [saved, setSaved] = useState(false);
  const request = useRequest();
  const forget = useRequest();

  async function save(event: React.SubmitEvent) {
    event.preventDefault();
    setSaved(false);
    if (await request.run({ type: 'saveKey', key, remember })) {
      setKey('');
      setSaved(true);
    }
  }

  return (
    <section className="card" aria-labelledby="instantly-heading">
      <h2 id="instantly-heading">Instantly</h2>
      <div role="status">
        {account ? (
          <p>
            {saved && <span className="ok">Key saved. </span>}
            Connected to <strong>{account.workspaceName}</strong> —{' '}
            {account.kind === 'admin' && `an admin workspace with ${groupHead.total} sub workspaces.`}
            {account.kind === 'sub' && `a sub workspace of ${account.admin?.name ?? 'an admin workspace'}.`}
            {account.kind === 'standalone' && 'a workspace in no workspace group.'}{' '}
            <span className="muted">
              {account.remembered ? 'The key is remembered on this device.' : 'The key is kept until the browser closes.'}
            </span>
          </p>
        ) : (
          <p className="muted">No key connected. Create one in Instantly under Settings → Integrations → API Keys.</p>
        )}
      </div>
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
          {account && (
            <button type="button" onClick={() => void forget.run({ type: 'forgetKey' }).then(() => setSaved(false))}>
              Forget key
            </button>
          )}
        </div>
      </form>
      {request.error && <Alert message={request.error} />}
      {!request.error && group.remedy === 'new-key' && group.error && <Alert message={group.error} />}
      {account?.kind === 'admin' && <NotifyToggle />}
    </section>
  );
}
