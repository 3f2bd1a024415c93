import { useState } from 'react';
import { isWorkspaceId, MALFORMED_ID } from '@/lib/shared/workspace-id';
import { Alert } from '../Alert';
import { BusyButton } from '../BusyButton';
import { useRequest } from '../use-request';

export interface Invited {
  membershipId: string;
  /** The workspace's name, or its id where Instantly has none. */
  name: string;
}

/**
 * Invites a workspace by id. The id is checked here first: a malformed one is never sent. A sent
 * invitation is said in words, and its new row is shown (onInvited), wherever the list stands.
 */
export function InviteForm({ onInvited }: { onInvited?: (invited: Invited) => void }) {
  const [id, setId] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const request = useRequest();
  async function invite(event: React.SubmitEvent) {
    event.preventDefault();
    setSentTo(null);
    if (!isWorkspaceId(id)) {
      request.setError(MALFORMED_ID);
      return;
    }
    const reply = await request.call({ type: 'invite', workspaceId: id.trim() });
    // On failure the field keeps what was typed, so it can be corrected.
    if (!reply.ok) return;
    setId('');
    setSentTo(reply.invited?.name ?? id.trim());
    if (reply.invited) onInvited?.(reply.invited);
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
      {sentTo && (
        <p role="status" className="muted">
          Invitation sent to {sentTo}
        </p>
      )}
      {request.error && <Alert message={request.error} onDismiss={() => request.setError(null)} />}
    </form>
  );
}
