import { useRef } from 'react';
import { useModal } from './use-modal';

/**
 * A modal question, as a native <dialog> opened with showModal(): the page behind is inert, Tab
 * stays inside, Escape cancels. Focus starts on Cancel (so Enter alone never confirms a
 * destructive action) and returns to where it was when the dialog closes.
 */
export function ConfirmDialog({
  title,
  children,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: React.ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useModal(dialog, cancel);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="dialog-title"
      aria-describedby="dialog-text"
      className="dialog"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="dialog-title">{title}</h2>
      <div id="dialog-text">{children}</div>
      <div className="dialog-buttons">
        <button type="button" ref={cancel} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          Confirm
        </button>
      </div>
    </dialog>
  );
}
