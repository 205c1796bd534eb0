/**
 * The file browser over /api/contents inside one workspace: Users/<me>, Shared and Templates
 * at the top; open a notebook, go into a folder, make a notebook or folder, rename, delete,
 * import an .ipynb (into the folder shown when it is writable, else into Users/<me>/).
 */
import { useCallback, useEffect, useState } from 'react';
import { deleteContents, getContents, newUntitled, renameContents, type ContentsModel } from '../api/contents.ts';
import { ImportButton } from '../export/NotebookExport.tsx';
import { myHome } from '../templates/home.ts';

export interface FileBrowserProps {
  workspace: string;
  /** the open notebook (highlighted) */
  current?: string;
  onOpen: (path: string) => void;
}

export function FileBrowser({ workspace, current, onOpen }: FileBrowserProps) {
  const [dir, setDir] = useState(workspace);
  const [items, setItems] = useState<ContentsModel[]>([]);
  const [writable, setWritable] = useState(false);
  const [error, setError] = useState<string>();
  const [home, setHome] = useState<string>();
  useEffect(() => setDir(workspace), [workspace]);
  useEffect(() => {
    let live = true;
    myHome(workspace).then((h) => { if (live) setHome(h); }, () => { if (live) setHome(undefined); });
    return () => { live = false; };
  }, [workspace]);
  const importDir = writable ? dir : home;

  const load = useCallback(async () => {
    try {
      const m = await getContents(dir);
      const list = (m.content as ContentsModel[] | null) ?? [];
      list.sort((a, b) => Number(b.type === 'directory') - Number(a.type === 'directory') || a.name.localeCompare(b.name));
      setItems(list);
      setWritable(m.writable);
      setError(undefined);
    } catch (e) { setError((e as Error).message); setItems([]); }
  }, [dir]);
  useEffect(() => { void load(); }, [load]);

  const act = async (f: () => Promise<unknown>) => {
    try { await f(); await load(); } catch (e) { setError((e as Error).message); }
  };
  const create = (type: 'notebook' | 'directory') => act(async () => {
    const m = await newUntitled(dir, type);
    if (type === 'notebook') onOpen(m.path);
  });
  const rename = (m: ContentsModel) => {
    const name = globalThis.prompt(`Rename ${m.name} to`, m.name);
    if (name && name !== m.name) void act(() => renameContents(m.path, `${dir}/${name}`));
  };
  const remove = (m: ContentsModel) => {
    if (globalThis.confirm(`Delete ${m.path}?`)) void act(() => deleteContents(m.path));
  };
  const up = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : undefined;

  return (
    <aside className="file-browser" data-testid="file-browser">
      <div className="fb-path" data-testid="file-browser-path">{dir}</div>
      <div className="fb-actions">
        <button data-testid="new-notebook" disabled={!writable} onClick={() => create('notebook')} title={writable ? '' : 'this folder is read-only'}>+ Notebook</button>
        <button data-testid="new-folder" disabled={!writable} onClick={() => create('directory')}>+ Folder</button>
        <button onClick={() => void load()} title="refresh">⟳</button>
      </div>
      {importDir !== undefined && (
        <div className="fb-import" title={`imports go into ${importDir}`}>
          <ImportButton dir={importDir} onImported={(p) => { void load(); onOpen(p); }} />
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <ul className="fb-list">
        {up !== undefined && <li><button className="fb-item" data-testid="file-item" data-path={up} onClick={() => setDir(up)}>..</button></li>}
        {items.map((m) => (
          <li key={m.path} className={m.path === current ? 'fb-row current' : 'fb-row'}>
            <button className="fb-item" data-testid="file-item" data-path={m.path} data-type={m.type}
              onClick={() => (m.type === 'directory' ? setDir(m.path) : m.type === 'notebook' ? onOpen(m.path) : undefined)}>
              {m.type === 'directory' ? '📁 ' : m.type === 'notebook' ? '📓 ' : '📄 '}{m.name}
            </button>
            {m.writable && <span className="fb-row-actions">
              <button className="link" data-testid="file-rename" onClick={() => rename(m)} title="rename">✎</button>
              <button className="link" data-testid="file-delete" onClick={() => remove(m)} title="delete">🗑</button>
            </span>}
          </li>
        ))}
      </ul>
    </aside>
  );
}
