import { age } from '@/lib/pages/age';
import type { WorkspaceGlance } from '@/lib/shared/model';

const accounts = (n: number) => (n === 1 ? '1 account' : `${n} accounts`);

/**
 * One row's figures on one line (rows are fixed-height), with a disclosure button that opens the
 * details (which accounts are in trouble and why, what could not be read) in a popover: the
 * browser keeps it keyboard-reachable and closes it with Escape.
 */
export function GlanceLine({ name, figures, popoverId }: { name: string; figures: WorkspaceGlance; popoverId: string }) {
  const trouble = figures.trouble ?? 0;
  const hasDetails = trouble > 0 || !!figures.error || !!figures.unreadableAccounts;
  const read = age(figures.fetchedAt);
  return (
    <div className="row-glance">
      <span className="glance-figures">
        {figures.error && <span className="glance-error">{figures.error} </span>}
        {[
          figures.unread !== undefined && <span key="unread">{`${figures.unread} unread`}</span>,
          figures.launched !== undefined && (
            <span key="launched" title={`${figures.launched} launched campaigns`}>{`${figures.launched} campaigns`}</span>
          ),
          figures.trouble !== undefined && (
            <span key="trouble" className={trouble > 0 ? 'glance-trouble' : undefined}>
              {trouble > 0 ? `${accounts(trouble)} in trouble` : 'accounts OK'}
            </span>
          ),
        ]
          .filter(Boolean)
          .flatMap((part, i) => (i === 0 ? [part] : [<span key={`dot${i}`} className="muted">{' · '}</span>, part]))}
      </span>
      {hasDetails && (
        <button type="button" className="icon" popoverTarget={popoverId} aria-label={`Details for ${name}`} title="Details">
          ⓘ
        </button>
      )}
      <span className="glance-age">{read}</span>
      {hasDetails && (
        <div popover="auto" id={popoverId} className="glance-details">
          <strong>{name}</strong>
          {figures.error && <p className="glance-error">{figures.error}</p>}
          {trouble > 0 && (
            <>
              <p>{accounts(trouble)} in trouble:</p>
              <ul>
                {figures.troubled?.map((a) => (
                  <li key={a.email}>
                    <code>{a.email}</code>: {a.reason}
                  </li>
                ))}
              </ul>
              {trouble > (figures.troubled?.length ?? 0) && <p className="muted">and {trouble - (figures.troubled?.length ?? 0)} more (see Instantly’s Email Accounts page).</p>}
            </>
          )}
          {!!figures.unreadableAccounts && <p className="muted">{accounts(figures.unreadableAccounts)} in Instantly’s answer could not be read, and were skipped.</p>}
          <p className="muted">Read {read}.</p>
          <button type="button" popoverTarget={popoverId} popoverTargetAction="hide">
            Close
          </button>
        </div>
      )}
    </div>
  );
}
