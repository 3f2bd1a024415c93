import type { Glances } from '@/lib/common/model';
import { age } from '@/lib/pages/age';
import type { OverviewRow } from '@/lib/pages/console/overview-rows';

/** The columns after the workspace's own, in the issue's order (the figures' cells follow them). */
const FIGURE_COLUMNS = [
  'Sent',
  'Replies',
  'Opportunities',
  'Meetings booked',
  'Unread',
  'Campaigns in trouble',
  'Mailboxes in trouble',
  'Leads used',
  'Figures from',
] as const;

/** A figure not read (yet): an empty cell a screen reader says as such. */
const NONE = <span aria-label="no figure">–</span>;

/** `Sub workspaces at a glance`: one row per sub workspace of every connected agency. */
export function Overview({ rows, glances, now }: { rows: OverviewRow[]; glances: Glances; now: number }) {
  return (
    <section className="card console-overview" aria-labelledby="overview-title">
      <h2 id="overview-title">Overview</h2>
      {rows.length === 0 ? (
        <p className="muted">
          No sub workspaces yet: invite one from the popup, or connect an agency’s key in the settings.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="figures">
            <caption>Sub workspaces at a glance</caption>
            <thead>
              <tr>
                <th scope="col">Workspace</th>
                <th scope="col">Status</th>
                {FIGURE_COLUMNS.map((column) => (
                  <th scope="col" key={column}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const glance = row.status === 'accepted' ? glances[row.workspaceId] : undefined;
                return (
                  <tr key={row.workspaceId}>
                    <th scope="row">
                      <span className="name">{row.label ?? row.name}</span>
                      {row.label && <span className="muted"> ({row.name})</span>}
                      {row.agency && <span className="muted agency"> · {row.agency}</span>}
                    </th>
                    <td>
                      <span className={`chip ${row.status}`}>{row.status}</span>
                    </td>
                    {row.status === 'accepted' ? (
                      <>
                        <td>{NONE}</td>
                        <td>{NONE}</td>
                        <td>{NONE}</td>
                        <td>{NONE}</td>
                        <td className="number">{glance?.unread ?? NONE}</td>
                        <td>{NONE}</td>
                        <td className="number">{glance?.trouble ?? NONE}</td>
                        <td>{NONE}</td>
                        <td>{glance ? age(glance.fetchedAt, now) : NONE}</td>
                      </>
                    ) : (
                      <td colSpan={FIGURE_COLUMNS.length} className="muted">
                        No figures:{' '}
                        {row.status === 'pending' ? 'its invitation is pending' : 'it rejected the invitation'}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
