import { useId } from 'react';
import type { Glances } from '@/lib/common/model';
import { age } from '@/lib/pages/age';
import { csvFileName, toCsv } from '@/lib/pages/console/csv';
import { csvTable, FIGURE_COLUMNS, figureCells, type OverviewRow } from '@/lib/pages/console/overview-rows';
import { PERIOD_LABEL, PERIODS, periodSentence, type Period } from '@/lib/pages/console/period';

/** A figure not read (yet): a dash a screen reader says as such. */
const NONE = <span aria-label="no figure">–</span>;

/** Saves the table as shown as a CSV file (a download the page starts itself: nothing leaves the browser). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `Sub workspaces at a glance`: one row per sub workspace of every connected agency. */
export function Overview({
  rows,
  glances,
  now,
  period,
  onPeriod,
}: {
  rows: OverviewRow[];
  glances: Glances;
  now: number;
  period: Period;
  onPeriod: (period: Period) => void;
}) {
  const periodId = useId();
  const fromAge = (at: number) => age(at, now);
  const exportCsv = () => {
    const { header, lines } = csvTable(rows, glances, fromAge);
    download(csvFileName(period, now), toCsv(header, lines));
  };
  return (
    <section className="card console-overview" aria-labelledby="overview-title">
      <h2 id="overview-title">Overview</h2>
      <div className="console-controls">
        <label htmlFor={periodId}>Period</label>
        <select id={periodId} value={period} onChange={(event) => onPeriod(event.target.value as Period)}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {PERIOD_LABEL[p]}
            </option>
          ))}
        </select>
        <span className="muted">{periodSentence(period, now)}: Instantly counts whole days in UTC.</span>
        <button type="button" onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
      </div>
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
              {rows.map((row) => (
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
                    figureCells(row, glances[row.workspaceId], fromAge).map((cell, i) => (
                      <td key={FIGURE_COLUMNS[i]} className={typeof cell === 'number' ? 'number' : undefined}>
                        {cell ?? NONE}
                      </td>
                    ))
                  ) : (
                    <td colSpan={FIGURE_COLUMNS.length} className="muted">
                      No figures:{' '}
                      {row.status === 'pending' ? 'its invitation is pending' : 'it rejected the invitation'}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
