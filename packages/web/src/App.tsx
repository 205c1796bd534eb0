/**
 * The app's frame: sign-in, then a header (workspace picker, sign out) and the tabs
 * Notebooks | Logs | Templates. The Notebooks tab is a file browser beside the notebook
 * opened from `#/nb/<contents path>` (so a reload reopens it). A 401 mid-work shows the
 * sign-in modal over everything, leaving the page and its edits as they are.
 */
import { useEffect, useState } from 'react';
import { authState, onAuthChange, signIn, tokenFromAddress, type AuthState } from './api/index.ts';
import { SignIn } from './app/SignIn.tsx';
import { ReauthModal } from './app/ReauthModal.tsx';
import { Header } from './app/Header.tsx';
import { TabBar, type Tab } from './app/TabBar.tsx';
import { useHashRoute, openNotebook } from './app/route.ts';
import { useWorkspace } from './app/useWorkspace.ts';
import { NotebooksTab } from './app/NotebooksTab.tsx';
import { LogsTab } from './logs/LogsTab.tsx';
import { TemplatesGallery } from './templates/TemplatesGallery.tsx';

export function App() {
  const [auth, setAuth] = useState<AuthState>(authState);
  const [addressError, setAddressError] = useState<string>();
  useEffect(() => onAuthChange(setAuth), []);
  useEffect(() => {
    const t = tokenFromAddress();
    if (t !== undefined) signIn(t).catch((e: Error) => setAddressError(`the token in the address was refused: ${e.message}`));
  }, []);

  if (!auth.signedIn) return <SignIn error={addressError} />;
  return (
    <>
      <SignedIn />
      {auth.reauth && <ReauthModal />}
    </>
  );
}

function SignedIn() {
  const route = useHashRoute();
  const [tab, setTab] = useState<Tab>(route.tab);
  useEffect(() => setTab(route.tab), [route.tab]);
  const { workspace, workspaces, choose, error } = useWorkspace();
  return (
    <div className="app">
      <Header workspace={workspace} workspaces={workspaces} onChoose={choose} error={error} />
      <TabBar tab={tab} onChange={setTab} />
      {workspace === undefined ? <p className="muted">{error ?? 'loading workspaces…'}</p> : <>
        {/* the notebooks tab stays mounted (its kernel connection and edits live on) */}
        <main className="tab-body" hidden={tab !== 'notebooks'}><NotebooksTab workspace={workspace} path={route.notebook} /></main>
        {tab === 'logs' && <main className="tab-body"><LogsTab workspace={workspace} /></main>}
        {tab === 'templates' && <main className="tab-body"><TemplatesGallery workspace={workspace} onOpen={(p: string) => { setTab('notebooks'); openNotebook(p); }} /></main>}
      </>}
    </div>
  );
}
