import { age } from '@/lib/pages/age';
import type { WorkspaceGlance } from '@/lib/common/model';

const accounts = (n: number) => (n === 1 ? '1 account' : `${n} accounts`);
const campaigns = (n: number) => (n === 1 ? '1 campaign' : `${n} campaigns`);

/**
 * One row's figures on one line (rows are fixed-height). "N accounts in trouble" (or "details",
 * after an error) is a disclosure button: it opens the details (which accounts and why, what could
 * not be read) in a popover, which the browser keeps keyboard-reachable and closes with Escape.
 */
export function GlanceLine({
  name,
  figures,
  popoverId,
}: {
  name: string;
  figures: WorkspaceGlance;
  popoverId: string;
}) {
  const trouble = figures.trouble ?? 0;
  const hasDetails = trouble > 0 || !!figures.error || !!figures.unreadableAccounts;
  const read = age(figures.fetchedAt);
  const details = (text: string) => (
    <button type="button" className="link" popoverTarget={popoverId} aria-label={`${text}: details for ${name}`}>
      {text}
    </button>
  );
  return (
    <div className="row-glance">
      <span className="glance-figures">
        {figures.error && <span className="glance-error">{figures.error} </span>}
        {[
          figures.unread !== undefined && <span key="unread">{`${figures.unread} unread`}</span>,
          figures.launched !== undefined && (
            <span key="launched" title={`${campaigns(figures.launched)} launched`}>
              {campaigns(figures.launched)}
            </span>
          ),
          figures.trouble !== undefined && (
            <span key="trouble" className={trouble > 0 ? 'glance-trouble' : undefined}>
              {trouble > 0 ? details(`${accounts(trouble)} in trouble`) : 'accounts OK'}
            </span>
          ),
        ]
          .filter(Boolean)
          .flatMap((part, i) =>
            i === 0
              ? [part]
              : [
                  <span key={`dot${i}`} className="muted">
                    {' · '}
                  </span>,
                  part,
                ],
          )}
      </span>
      {hasDetails && (trouble === 0 || figures.error) && details('details')}
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
              {trouble > (figures.troubled?.length ?? 0) && (
                <p className="muted">
                  and {trouble - (figures.troubled?.length ?? 0)} more (see Instantly’s Email Accounts page).
                </p>
              )}
            </>
          )}
          {!!figures.unreadableAccounts && (
            <p className="muted">
              {accounts(figures.unreadableAccounts)} in Instantly’s answer could not be read, and were skipped.
            </p>
          )}
          <p className="muted">Read {read}.</p>
          <button type="button" popoverTarget={popoverId} popoverTargetAction="hide">
            Close
          </button>
        </div>
      )}
    </div>
  );
}
