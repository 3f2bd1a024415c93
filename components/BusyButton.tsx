import type { ButtonHTMLAttributes } from 'react';

/**
 * A submit button that keeps its name while working (the name is how people and screen readers
 * find it), says it is busy with aria-busy, and shows what it is doing beside the label.
 */
export function BusyButton({
  busy,
  busyText,
  children,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { busy: boolean; busyText: string }) {
  return (
    <>
      <button {...props} disabled={busy || props.disabled} aria-busy={busy}>
        {children}
      </button>
      {busy && (
        <span aria-live="polite" className="muted">
          {busyText}
        </span>
      )}
    </>
  );
}
