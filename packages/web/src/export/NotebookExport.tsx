/// <reference lib="dom" />
/**
 * The notebook's import and export buttons (for the notebook toolbar and the file browser):
 *   <ExportButtons path>    "Export .ipynb" and "Export HTML": the notebook as the server holds it
 *                           (with every output recorded there), downloaded as .ipynb or as the
 *                           standalone report of report.ts
 *   <ImportButton dir>      pick an .ipynb; import.ts maps it (Kqlmagic too) and it is saved with
 *                           PUT /api/contents into `dir` (a new name when the name is taken); the
 *                           notes say what changed; onImported opens it
 */
import { useRef, useState } from 'react';
import { api } from '../api/index.ts';
import { contentsUrl, getContents, saveNotebook } from '../api/contents.ts';
import { downloadFile } from './download.ts';
import { importNotebook, importedName, notebookFileText } from './import.ts';
import { notebookReport } from './report.ts';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.ipynb$/i, '');
}

export function ExportButtons({ path, beforeExport }: { path: string; beforeExport?: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (kind: 'ipynb' | 'html') => {
    setBusy(true);
    setError(undefined);
    try {
      await beforeExport?.();
      const model = await getContents(path, { type: 'notebook' });
      if (kind === 'ipynb') downloadFile(`${baseName(path)}.ipynb`, notebookFileText(model.content), 'application/x-ipynb+json');
      else downloadFile(`${baseName(path)}.html`, await notebookReport(model.content, { subtitle: path }), 'text/html');
    } catch (e) {
      setError(`cannot export ${path}: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="export-buttons">
      <button type="button" data-testid="export-ipynb" disabled={busy} onClick={() => void run('ipynb')}>Export .ipynb</button>
      <button type="button" data-testid="export-html" disabled={busy} onClick={() => void run('html')}>Export HTML</button>
      {error && <span className="error" role="alert">{error}</span>}
    </span>
  );
}

async function freePath(dir: string, name: string): Promise<string> {
  const stem = name.replace(/\.ipynb$/i, '');
  for (let i = 0; i < 100; i++) {
    const candidate = `${dir}/${i === 0 ? stem : `${stem}-${i}`}.ipynb`;
    try {
      await api(`${contentsUrl(candidate)}?content=0`);
    } catch (e) {
      if ((e as { status?: number }).status === 404) return candidate;
      throw e;
    }
  }
  throw new Error(`${dir} already has ${stem}.ipynb and 99 more copies`);
}

/** Import a notebook file's text into `dir`; returns its contents path and the import's notes. */
export async function importInto(dir: string, fileName: string, text: string): Promise<{ path: string; notes: string[] }> {
  const { notebook, notes } = importNotebook(text, fileName);
  const path = await freePath(dir, importedName(fileName));
  await saveNotebook(path, notebook);
  return { path, notes };
}

export function ImportButton({ dir, onImported }: { dir: string; onImported?: (path: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<{ error?: string; notes?: string[]; path?: string }>({});
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setStatus({});
    try {
      const { path, notes } = await importInto(dir, file.name, await file.text());
      setStatus({ path, notes });
      onImported?.(path);
    } catch (e) {
      setStatus({ error: `cannot import ${file.name}: ${(e as Error).message}` });
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  return (
    <span className="import-button">
      <button type="button" data-testid="import-ipynb" onClick={() => input.current?.click()}>Import .ipynb</button>
      <input ref={input} data-testid="import-ipynb-file" type="file" accept=".ipynb,application/x-ipynb+json,application/json" hidden onChange={(e) => void pick(e.target.files?.[0])} />
      {status.error && <span className="error" role="alert">{status.error}</span>}
      {status.path && (
        <details className="import-notes" data-testid="import-notes">
          <summary>Imported as {status.path}{status.notes && status.notes.length > 0 ? ` (${status.notes.length} change${status.notes.length === 1 ? '' : 's'})` : ''}</summary>
          <ul>{(status.notes ?? []).map((n, i) => <li key={i}>{n}</li>)}</ul>
        </details>
      )}
    </span>
  );
}
