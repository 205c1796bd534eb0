/** The Notebooks tab: the file browser beside the open notebook. */
import { FileBrowser } from './FileBrowser.tsx';
import { openNotebook } from './route.ts';
import { NotebookView } from '../notebook/NotebookView.tsx';

export function NotebooksTab({ workspace, path }: { workspace: string; path?: string }) {
  return (
    <div className="notebooks-tab">
      <FileBrowser workspace={workspace} current={path} onOpen={openNotebook} />
      <section className="notebook-pane">
        {path === undefined
          ? <p className="muted empty">Open a notebook from the list, or start from a template.</p>
          : <NotebookView key={path} path={path} workspace={workspace} />}
      </section>
    </div>
  );
}
