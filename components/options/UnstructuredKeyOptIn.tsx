// A site's opt-in for the Unstructured key, offered both in the Allowed sites list and, for an
// account's own API host, in the Unstructured section: one checkbox with one accessible name.
import type { KeyScope } from '@/lib/common/sites/unstructured-key-sites';

/** A ticked origin that gets no key, and why. */
export type KeyBlocked = KeyScope['blocked'][number];

export function UnstructuredKeyOptIn({
  origin,
  on,
  onChange,
}: {
  origin: string;
  on: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label className="check muted">
      <input type="checkbox" checked={on} onChange={(event) => onChange(event.target.checked)} />
      Send the Unstructured key from {origin}
    </label>
  );
}

/** Why a ticked origin gets no key, a reason each (nothing when it gets it). */
export function KeyBlockedReasons({ origin, keyBlocked }: { origin: string; keyBlocked: KeyBlocked[] }) {
  return keyBlocked
    .filter((b) => b.origin === origin)
    .map((b) => (
      <span key={b.reason} className="muted">
        {b.reason}
      </span>
    ));
}
