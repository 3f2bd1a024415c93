import { age } from '@/lib/pages/age';
import type { WorkspaceGlance } from '@/lib/common/model';

const accounts = (n: number) => (n === 1 ? '1 account' : `${n} accounts`);
const campaigns = (n: number) => (n === 1 ? '1 campaign' : `${n} campaigns`);

/**
 * One row's figures as compact marks (✉ 3, ▶ 2, ⚠ 1): the icon is CSS, the words are there for
 * screen readers and searches of the row's text ("3 unread", "2 campaigns", "1 account in
 * trouble"). The trouble mark (or ⓘ after an error) is a disclosure button: it opens the details
 * (which accounts and why, what could not be read) in a popover, which the browser keeps
 * keyboard-reachable and closes with Escape.
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
  const words = (n: number, text: string) => (
    <>
      {n}
      <span className="sr-only">{text}</span>
    </>
  );
  return (
    <div className="row-glance" title={`read ${read}`}>
      {figures.error && <span className="sr-only">{figures.error} </span>}
      {figures.unread !== undefined && (
        <span className="mark unread" title={`${figures.unread} unread`}>
          {words(figures.unread, ' unread')}
        </span>
      )}
      {figures.launched !== undefined && (
        <span className="mark launched" title={`${campaigns(figures.launched)} launched`}>
          {words(figures.launched, figures.launched === 1 ? ' campaign' : ' campaigns')}
        </span>
      )}
      {trouble > 0 && (
        <button
          type="button"
          className="link mark trouble"
          popoverTarget={popoverId}
          aria-label={`${accounts(trouble)} in trouble: details for ${name}`}
          title={`${accounts(trouble)} in trouble`}
        >
          {words(trouble, trouble === 1 ? ' account in trouble' : ' accounts in trouble')}
        </button>
      )}
      {figures.trouble === 0 && <span className="sr-only">accounts OK</span>}
      {hasDetails && (trouble === 0 || figures.error) && (
        <button
          type="button"
          className={`link mark ${figures.error ? 'failed' : 'info'}`}
          popoverTarget={popoverId}
          aria-label={`details: details for ${name}`}
          title={figures.error ?? 'details'}
        />
      )}
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
