import type { RecentCall } from '@/lib/common/model';
import { INSTANTLY_API_HOST } from '@/lib/common/sites/hosts';

/** Whom a call went out as, in the words of the list. */
export function wentOutAs(call: RecentCall): string {
  if (call.unknownSite) return 'not switched (a site you did not allow)';
  switch (call.api) {
    case 'instantly':
      return call.as ?? 'admin workspace';
    case 'unstructured':
      return call.as ? `Unstructured: ${call.as}` : 'no Unstructured key from the extension';
    case 'relayed':
      // The call left from the site's server with the headers the page gave it: as the key's own workspace.
      return 'admin workspace (relayed by the site’s server)';
  }
}

const statusText = (status: RecentCall['status']) => (status === null ? 'pending' : String(status));
const time = (at: number) =>
  new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * What left the browser, and as whom: the badge says whom the extension would act as, this says
 * whom each page's call really went out as (read by the background from the headers as sent).
 */
export function RecentCalls({ calls }: { calls: RecentCall[] }) {
  const latest = calls[0];
  return (
    <details className="card recent-calls">
      <summary>
        <strong>Recent API calls</strong>
        <span className="muted">{latest ? ` · last: ${latest.method} as ${wentOutAs(latest)}` : ' · none yet'}</span>
      </summary>
      {calls.length > 0 ? (
        <ul role="list" aria-label="Recent API calls" className="plain calls">
          {calls.map((call) => (
            <li key={call.id}>
              <span className="muted">{time(call.at)}</span> <strong>{call.method}</strong>{' '}
              <code>{call.host === INSTANTLY_API_HOST ? call.path : `${call.host}${call.path}`}</code>{' '}
              <span className="muted">
                from {call.from === 'console' ? 'the agency console' : (call.site ?? 'an unknown site')}
                {call.unknownSite ? ' (not allowed)' : ''}
              </span>{' '}
              · {statusText(call.status)} · as <strong>{wentOutAs(call)}</strong>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No page has called the API in this browser session yet.</p>
      )}
      <p className="muted">
        Pages’ own calls to the API are switched; calls a site relays through its own server are not. Instantly’s web
        app (app.instantly.ai) uses its own backend, not this API: its screens are not switched.
      </p>
    </details>
  );
}
