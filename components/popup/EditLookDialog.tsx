import { useRef, useState } from 'react';
import { LABEL_MAX, type WorkspaceLook } from '@/lib/common/model';
import type { LookChange } from '@/lib/common/messages';
import { hashColor } from '@/lib/common/workspace-looks';
import { useModal } from '../use-modal';

/**
 * A workspace's label and badge colour, in a native modal <dialog> (as ConfirmDialog: the page
 * behind is inert, Escape cancels, focus comes back to where it was).
 */
export function EditLookDialog({
  name,
  workspaceId,
  look,
  onSave,
  onCancel,
}: {
  name: string;
  workspaceId: string;
  look: WorkspaceLook;
  onSave: (change: LookChange) => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const labelInput = useRef<HTMLInputElement>(null);
  const ownColor = hashColor(workspaceId);
  const [label, setLabel] = useState(look.label ?? '');
  const [color, setColor] = useState(look.color ?? ownColor);
  useModal(dialog, labelInput);

  function save(event: React.SubmitEvent) {
    event.preventDefault();
    // The workspace's own colour is not stored as a pick: it stays its own if the id's hash is.
    onSave({ label: label.trim() || null, color: color === ownColor ? null : color });
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby="look-title"
      className="dialog"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={save} className="field">
        <h2 id="look-title">Edit {name}</h2>
        <label htmlFor="look-label">Label</label>
        <input
          id="look-label"
          ref={labelInput}
          type="text"
          maxLength={LABEL_MAX}
          placeholder={name}
          value={label}
          onChange={(event) => setLabel(event.target.value)}
        />
        <span className="muted">Shown instead of the name, which stays beside it. Leave empty for none.</span>
        <label htmlFor="look-color">Badge colour</label>
        <div className="inline-form">
          <input id="look-color" type="color" value={color} onChange={(event) => setColor(event.target.value)} />
          <button type="button" onClick={() => setColor(ownColor)} disabled={color === ownColor}>
            Its own colour
          </button>
        </div>
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
