/** The notebook editor (first cut: loads the notebook). */
import { useEffect, useState } from 'react';
import { getContents } from '../api/contents.ts';

export function NotebookView({ path }: { path: string; workspace: string }) {
  const [cells, setCells] = useState<number>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    getContents(path).then((m) => setCells((m.content as { cells: unknown[] }).cells.length), (e: Error) => setError(e.message));
  }, [path]);
  return <div className="notebook">{error ?? `${path}: ${cells ?? '…'} cells`}</div>;
}
