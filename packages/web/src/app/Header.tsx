/** The top bar: the app's name, the workspace picker and sign out. */
import { signOut } from '../api/index.ts';

export interface HeaderProps {
  workspace: string | undefined;
  workspaces: string[];
  onChoose: (ws: string) => void;
  error?: string;
}

export function Header({ workspace, workspaces, onChoose, error }: HeaderProps) {
  return (
    <header className="header">
      <span className="brand">Huntbook</span>
      <label className="workspace-picker">
        Workspace{' '}
        <select data-testid="workspace-picker" value={workspace ?? ''} onChange={(e) => onChoose(e.target.value)}>
          {workspaces.map((w) => <option key={w} value={w}>{w}</option>)}
        </select>
      </label>
      {error && <span className="error">{error}</span>}
      <span className="spacer" />
      <button data-testid="sign-out" className="link" onClick={() => signOut()}>Sign out</button>
    </header>
  );
}
