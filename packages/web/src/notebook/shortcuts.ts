/**
 * Jupyter's keyboard shortcuts as a small state machine: command mode (the cell is selected)
 * and edit mode (its editor has the keys). Pure: a key in, the new state and an action out.
 *   both modes: Shift+Enter run and select next, Ctrl/Cmd+Enter run, Alt+Enter run and insert below
 *   edit: Esc -> command mode
 *   command: Enter edit, A insert above, B insert below, D D delete, Z undo delete,
 *            M markdown, Y code (TypeScript), K / Up previous, J / Down next, S save
 */

export type Mode = 'command' | 'edit';

export interface KeyState { mode: Mode; /** a first D was pressed */ pendingD: boolean }

export interface Key { key: string; shift?: boolean; ctrl?: boolean; meta?: boolean; alt?: boolean }

export type Action =
  | 'run-next' | 'run' | 'run-insert' | 'edit' | 'command' | 'insert-above' | 'insert-below'
  | 'delete' | 'undo-delete' | 'to-markdown' | 'to-code' | 'select-prev' | 'select-next' | 'save';

export const INITIAL: KeyState = { mode: 'command', pendingD: false };

/** `handled` false: the key is not the notebook's (let the editor or the browser have it). */
export function handleKey(state: KeyState, k: Key): { state: KeyState; action?: Action; handled: boolean } {
  const mod = k.ctrl === true || k.meta === true;
  const stay = (action?: Action) => ({ state: { ...state, pendingD: false }, action, handled: true });
  if (k.key === 'Enter') {
    if (k.shift) return { state: { mode: 'command', pendingD: false }, action: 'run-next', handled: true };
    if (mod) return { state: { mode: 'command', pendingD: false }, action: 'run', handled: true };
    if (k.alt) return { state: { mode: 'edit', pendingD: false }, action: 'run-insert', handled: true };
  }
  if (state.mode === 'edit') {
    if (k.key === 'Escape') return { state: { mode: 'command', pendingD: false }, action: 'command', handled: true };
    return { state, handled: false };
  }
  if (mod && k.key.toLowerCase() === 's') return stay('save');
  if (mod || k.alt) return { state: { ...state, pendingD: false }, handled: false };
  switch (k.key) {
    case 'Enter': return { state: { mode: 'edit', pendingD: false }, action: 'edit', handled: true };
    case 'a': case 'A': return stay('insert-above');
    case 'b': case 'B': return stay('insert-below');
    case 'd': case 'D':
      return state.pendingD ? stay('delete') : { state: { ...state, pendingD: true }, handled: true };
    case 'z': case 'Z': return stay('undo-delete');
    case 'm': case 'M': return stay('to-markdown');
    case 'y': case 'Y': return stay('to-code');
    case 'k': case 'K': case 'ArrowUp': return stay('select-prev');
    case 'j': case 'J': case 'ArrowDown': return stay('select-next');
    case 's': case 'S': return stay('save');
    default: return { state: { ...state, pendingD: false }, handled: false };
  }
}
