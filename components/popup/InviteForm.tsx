import { useState } from 'react';
import { isWorkspaceId, MALFORMED_ID } from '@/lib/shared/workspace-id';
import { Alert } from '../Alert';
import { BusyButton } from '../BusyButton';
import { useRequest } from '../use-request';

/** Invites a workspace by id. The id is checked here first: a malformed one is never sent. */
export function InviteForm() {
  const [id, setId] = useState('');
  const request = useRequest();
  async function invite(event: React.SubmitEvent) {
    event.preventDefault();
    if (!isWorkspaceId(id)) {
      request.setError(MALFORMED_ID);
      return;
    }
    // On failure the field keeps what was typed, so it can be corrected.
    if (await request.run({ type: 'invite', workspaceId: id.trim() })) setId('');
  }
  return (
    <form className="field" onSubmit={(event) => void invite(event)}>
      <div className="inline-form">
        <input
          type="text"
          aria-label="Workspace ID to invite"
          placeholder="Workspace ID to invite"
          spellCheck={false}
          value={id}
          onChange={(event) => setId(event.target.value)}
        />
        <BusyButton type="submit" busy={request.busy} busyText="Inviting…">
          Invite
        </BusyButton>
      </div>
      {request.error && <Alert message={request.error} onDismiss={() => request.setError(null)} />}
    </form>
  );
}
