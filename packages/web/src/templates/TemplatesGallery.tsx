/// <reference lib="dom" />
/**
 * The templates gallery: every notebook in <workspace>/Templates/ with its title, description,
 * the tables it needs and whether this workspace has them (tables with rows), and two actions:
 * "Save notebook" copies it into Users/<me>/ under a name the user may change (outputs cleared),
 * "Launch" saves the same way and opens the copy (onOpen), where its kernel starts.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/index.ts';
import { getContents, saveNotebook, type ContentsModel } from '../api/contents.ts';
import { availability, copyName, notebookFromTemplate, templateInfo, type TableRows, type TemplateInfo } from './catalog.ts';
import { myHome } from './home.ts';
import './templates.css';

interface Loaded { info: TemplateInfo; notebook: unknown }

/** whether a folder already holds a file of that name (listing it, not probing for a 404) */
async function exists(dir: string, name: string): Promise<boolean> {
  const listing = await getContents(dir);
  return (listing.content as ContentsModel[]).some((m) => m.name === name);
}

/** Save a copy of a template in Users/<me>/; returns its contents path. */
export async function saveTemplateCopy(workspace: string, t: Loaded, typedName: string): Promise<string> {
  const n = copyName(typedName);
  if ('error' in n) throw new Error(n.error);
  const home = await myHome(workspace);
  const path = `${home}/${n.name}`;
  if (await exists(home, n.name)) throw new Error(`${path} already exists: choose another name`);
  await saveNotebook(path, notebookFromTemplate(t.notebook, t.info.path));
  return path;
}

export function TemplatesGallery({ workspace, onOpen }: { workspace: string; onOpen: (contentsPath: string) => void }) {
  const [templates, setTemplates] = useState<Loaded[]>();
  const [tables, setTables] = useState<TableRows[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    setTemplates(undefined);
    setError(undefined);
    (async () => {
      const dir = await getContents(`${workspace}/Templates`);
      const files = (dir.content as ContentsModel[]).filter((m) => m.type === 'notebook').sort((a, b) => a.name.localeCompare(b.name));
      const loaded = await Promise.all(files.map(async (f) => {
        const nb = await getContents(f.path, { type: 'notebook' });
        return { info: templateInfo(f.path, nb.content), notebook: nb.content };
      }));
      if (live) setTemplates(loaded);
    })().catch((e: Error) => { if (live) setError(`cannot list ${workspace}/Templates: ${e.message}`); });
    api<{ tables?: TableRows[] }>(`/api/workspaces/${encodeURIComponent(workspace)}`)
      .then((w) => { if (live) setTables(w.tables ?? []); })
      .catch(() => { if (live) setTables([]); });
    return () => { live = false; };
  }, [workspace]);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!templates) return <p className="muted">loading templates…</p>;
  if (templates.length === 0) return <p className="muted">No templates in {workspace}/Templates.</p>;
  return (
    <div className="templates-gallery" data-testid="templates-gallery">
      {templates.map((t) => <TemplateCard key={t.info.path} workspace={workspace} template={t} tables={tables} onOpen={onOpen} />)}
    </div>
  );
}

function TemplateCard({ workspace, template, tables, onOpen }: { workspace: string; template: Loaded; tables?: TableRows[]; onOpen: (p: string) => void }) {
  const { info } = template;
  const [name, setName] = useState(info.title);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error?: string; saved?: string }>({});
  const avail = tables ? availability(info.dataTypes, tables) : undefined;

  const save = async (open: boolean) => {
    setBusy(true);
    setMessage({});
    try {
      const path = await saveTemplateCopy(workspace, template, name);
      setMessage({ saved: path });
      if (open) onOpen(path);
    } catch (e) {
      setMessage({ error: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="template-card" data-testid="template-card" data-template={info.name}>
      <h3>{info.title}</h3>
      <p className="template-description">{info.description}</p>
      <div className="template-needs">
        <span className="muted">Needs: </span>
        {info.dataTypes.length === 0 && <span className="muted">no particular table</span>}
        {info.dataTypes.map((t) => {
          const has = avail ? avail.present.includes(t) : undefined;
          return <span key={t} className={`data-type ${has === undefined ? '' : has ? 'present' : 'missing'}`} title={has === undefined ? 'checking…' : has ? 'this workspace has rows in it' : 'missing or empty in this workspace'}>{has === undefined ? '' : has ? '✓ ' : '✗ '}{t}</span>;
        })}
      </div>
      {avail && <p className={`template-ready ${avail.ready ? 'ready' : 'not-ready'}`} data-testid="template-ready">{avail.ready ? `${workspace} has the data this template needs` : `${workspace} lacks ${avail.missing.join(', ')}: some cells will find nothing`}</p>}
      {info.tags.length > 0 && <p className="template-tags">{info.tags.map((t) => <span key={t} className="tag">{t}</span>)}</p>}
      <div className="template-actions">
        <label>Name <input data-testid="template-name" value={name} onChange={(e) => setName(e.target.value)} disabled={busy} /></label>
        <button type="button" data-testid="template-save" disabled={busy} onClick={() => void save(false)}>Save notebook</button>
        <button type="button" data-testid="template-launch" disabled={busy} onClick={() => void save(true)}>Launch</button>
      </div>
      {message.error && <p className="error" role="alert">{message.error}</p>}
      {message.saved && <p className="saved" data-testid="template-saved">Saved as {message.saved}</p>}
    </article>
  );
}
