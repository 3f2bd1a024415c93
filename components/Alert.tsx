/** Every error the user sees: announced by screen readers (role="alert"), with a way forward. */
export function Alert({
  message,
  action,
  onDismiss,
}: {
  message: string;
  /** The one thing to do about it, e.g. Retry. */
  action?: { label: string; run: () => void };
  onDismiss?: () => void;
}) {
  return (
    <div role="alert" className="alert">
      <span>{message}</span>
      {action && (
        <button type="button" className="link" onClick={action.run}>
          {action.label}
        </button>
      )}
      {onDismiss && (
        <button type="button" className="link" aria-label="Dismiss message" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
