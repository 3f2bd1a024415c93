import { useState } from 'react';
import type { Account } from '@/lib/common/model';
import { isWorkspaceId, MALFORMED_ID } from '@/lib/common/workspace-id';
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
export function InviteForm({
  onInvited,
  agencies = [],
}: {
  onInvited?: (invited: Invited) => void;
  agencies?: Pick<Account, 'workspaceId' | 'workspaceName'>[];
}) {
  const [id, setId] = useState('');
  // With several agencies the user says which one invites (the first, until they choose).
  const [chosen, setChosen] = useState<string | null>(null);
  const adminId =
    agencies.length > 1 ? (agencies.find((a) => a.workspaceId === chosen) ?? agencies[0])?.workspaceId : undefined;
  const [sentTo, setSentTo] = useState<string | null>(null);
  const request = useRequest();
  async function invite(event: React.SubmitEvent) {
    event.preventDefault();
    setSentTo(null);
    if (!isWorkspaceId(id)) {
      request.setError(MALFORMED_ID);
      return;
    }
    const reply = await request.call({ type: 'invite', workspaceId: id.trim(), ...(adminId ? { adminId } : {}) });
    // On failure the field keeps what was typed, so it can be corrected.
    if (!reply.ok) return;
    setId('');
    setSentTo(reply.invited?.name ?? id.trim());
    if (reply.invited) onInvited?.(reply.invited);
  }
  return (
    <form id="invite" className="field" aria-label="Invite a workspace" onSubmit={(event) => void invite(event)}>
      {agencies.length > 1 && (
        <label className="inline-form">
          Agency
          <select value={adminId} onChange={(event) => setChosen(event.target.value)}>
            {agencies.map((a) => (
              <option key={a.workspaceId} value={a.workspaceId}>
                {a.workspaceName}
              </option>
            ))}
          </select>
        </label>
      )}
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
