/// <reference lib="dom" />
/**
 * The Notebooks tab's import/export strip: "Import .ipynb" into Users/<me>/ (then opens it), and
 * for the open notebook "Export .ipynb" and "Export HTML" (the server's copy, with its outputs).
 */
import { useEffect, useState } from 'react';
import { myHome } from '../templates/home.ts';
import { ExportButtons, ImportButton } from './NotebookExport.tsx';

export function NotebookIO({ workspace, path, onOpen }: { workspace: string; path?: string; onOpen: (path: string) => void }) {
  const [home, setHome] = useState<string>();
  useEffect(() => {
    let live = true;
    myHome(workspace).then((h) => { if (live) setHome(h); }, () => { if (live) setHome(undefined); });
    return () => { live = false; };
  }, [workspace]);
  return (
    <div className="notebook-io" data-testid="notebook-io">
      {home !== undefined && <ImportButton dir={home} onImported={onOpen} />}
      {path !== undefined && <ExportButtons path={path} />}
    </div>
  );
}
