import type { RecentCall } from '@/lib/common/model';
import { relayAt } from '@/lib/common/sites/server-relays';
import { Alert } from '../Alert';

/**
 * Says plainly when a page handed an API call to its own server while the extension acted as a
 * sub workspace: no rule can switch that call, whatever the badge says.
 */
export function RelayNotice({
  calls,
  seenAt,
  onDismiss,
}: {
  calls: RecentCall[];
  seenAt: number;
  onDismiss: () => void;
}) {
  const call = calls.find((c) => c.api === 'relayed' && c.meant && c.at > seenAt);
  if (!call) return null;
  const what = relayAt(call.host, call.path)?.what ?? 'a proxy of its own';
  return (
    <Alert
      message={`${call.host} sent an API call through its own server (${what}): it went out as the admin workspace, not as ${call.meant}. The extension cannot change calls relayed by a site’s server.`}
      onDismiss={onDismiss}
    />
  );
}
