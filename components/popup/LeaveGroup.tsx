import { useState } from 'react';
import type { Account } from '@/lib/common/model';
import { Alert } from '../Alert';
import { ConfirmDialog } from '../ConfirmDialog';
import { useRequest } from '../use-request';

/** For a sub workspace's key: who its admin is, and the way out (owners only). */
/** @param several other workspaces are connected too: the request names this one. */
export function LeaveGroup({ account, several = false }: { account: Account; several?: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const request = useRequest();
  const adminName = account.admin?.name ?? 'its admin workspace';
  return (
    <section className="card">
      <p>
        <strong>{account.workspaceName}</strong> is a sub workspace of <strong>{adminName}</strong>, which can act as it
        and remove it. Only its owner can leave the group.
      </p>
      <p className="muted">
        It cannot invite sub workspaces of its own: a workspace cannot be both an admin and a sub workspace.
      </p>
      <button type="button" className="danger" disabled={request.busy} onClick={() => setConfirming(true)}>
        Leave workspace group
      </button>
      {request.error && <Alert message={request.error} onDismiss={() => request.setError(null)} />}
      {confirming && (
        <ConfirmDialog
          title={`Leave ${adminName}’s workspace group?`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void request.run(several ? { type: 'leave', accountId: account.workspaceId } : { type: 'leave' });
          }}
        >
          Leaving takes effect immediately. To rejoin, {adminName} has to invite this workspace again.
        </ConfirmDialog>
      )}
    </section>
  );
}
