/** Whether the notebook is saved, saving, has unsaved edits, is read-only, or failed to save (and why). */
import type { SaveStatus as Status } from './useAutosave.ts';

export function SaveStatus({ status }: { status: Status }) {
  const text = status.state === 'error' ? status.message
    : { saved: 'Saved', unsaved: 'Unsaved changes', saving: 'Saving…', 'read-only': 'Read-only (save a copy to edit)' }[status.state];
  return <span className={`save-status ss-${status.state}`} data-testid="save-status" data-state={status.state}>{text}</span>;
}
