import { useEffect, useRef } from 'react';

interface Props {
  open: boolean;
  nextVersion: number;
  unsaved: boolean;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal confirmation (native <dialog>: focus is trapped and Escape cancels). */
export function PublishDialog({ open, nextVersion, unsaved, pending, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="publish-title"
      aria-describedby="publish-text"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="publish-title">Publish version {nextVersion}?</h2>
      <p id="publish-text">
        {unsaved ? 'Your changes are saved first. ' : ''}
        New invitations will use version {nextVersion}. Responses already collected keep the version
        they answered, so summaries never mix incompatible questions.
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={onConfirm}
          disabled={pending}
        >
          {pending ? 'Publishing…' : `Publish version ${nextVersion}`}
        </button>
      </div>
    </dialog>
  );
}
