// Errors as the worker tells them: one line for the console (never with a secret in it), and the
// one failure every capability and the message router name. A file of its own at the bottom of
// the worker, so the router and the projection can both import it without one sitting on the other.

/**
 * An error as one line for the console or the popup, never with a value that could hold a
 * secret: anything that looks like a key or token in the message is blanked out (ids stay).
 */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  return `${error.name}: ${redact(error.message)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const redact = (text: string): string =>
  text.replace(/[A-Za-z0-9+/=_~:.-]{20,}/g, (token) =>
    UUID.test(token) || /^https?:\/\/[^/]*\/?$/.test(token) ? token : '[redacted]',
  );

/**
 * The browser refused the rules for the stored state (the change itself is stored): what the
 * user is told instead of a plain success, or of "nothing was changed".
 */
export class RulesNotApplied extends Error {
  override name = 'RulesNotApplied';
  constructor(cause: unknown) {
    super(`the browser did not take the rules (${describe(cause)})`, { cause });
  }
}

export const RULES_NOT_APPLIED =
  'Your change is saved, but the browser refused to update the rule that applies it, so requests may still go out as before. The extension keeps trying (reloading the extension also applies it).';
