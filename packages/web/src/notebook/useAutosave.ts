/// <reference lib="dom" />
/**
 * Autosave: a PUT of the notebook 1.5 s after the last edit (one at a time; edits during a
 * save are saved next). `save()` saves now (cells are saved before they run: the server
 * records outputs only into cells its copy has). While cells run, the server records their
 * outputs into the file; the save takes those cells' outputs from the server's copy so it
 * never overwrites what arrived there meanwhile.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getContents, saveNotebook } from '../api/contents.ts';
import { fromNbformat, mergeOutputs, toNbformat, type NotebookDoc } from './model.ts';

export type SaveStatus = { state: 'saved' | 'unsaved' | 'saving' | 'read-only' } | { state: 'error'; message: string };

export const AUTOSAVE_MS = 1500;

export function useAutosave(path: string, doc: NotebookDoc | undefined, version: number, opts: { writable: boolean; running: () => ReadonlySet<string> }) {
  const [status, setStatus] = useState<SaveStatus>({ state: opts.writable ? 'saved' : 'read-only' });
  const latest = useRef({ doc, version });
  latest.current = { doc, version };
  const savedVersion = useRef(version);
  const optsRef = useRef(opts);
  optsRef.current = opts;

  const chain = useRef<Promise<void>>(Promise.resolve());
  const saveOnce = useCallback(async (): Promise<void> => {
    const { doc: d, version: v } = latest.current;
    if (!optsRef.current.writable || !d || v === savedVersion.current) return;
    setStatus({ state: 'saving' });
    try {
      let out = d;
      const running = optsRef.current.running();
      if (running.size > 0) {
        const server = await getContents(path);
        out = mergeOutputs(d, fromNbformat(server.content, path), running);
      }
      await saveNotebook(path, toNbformat(out));
      savedVersion.current = v;
      setStatus({ state: latest.current.version === v ? 'saved' : 'unsaved' });
    } catch (e) {
      setStatus({ state: 'error', message: `not saved: ${(e as Error).message}` });
    }
  }, [path]);
  /** save now (after a save in progress, if any); resolves when saved or failed */
  const save = useCallback((): Promise<void> => {
    chain.current = chain.current.then(saveOnce);
    return chain.current;
  }, [saveOnce]);
  const dirty = () => latest.current.version !== savedVersion.current;

  useEffect(() => {
    if (!opts.writable || version === savedVersion.current) return;
    setStatus((s) => (s.state === 'saving' || s.state === 'error' ? s : { state: 'unsaved' }));
    const t = setTimeout(() => { void save(); }, AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [version, opts.writable, save, status.state]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => { if (latest.current.version !== savedVersion.current) e.preventDefault(); };
    globalThis.addEventListener('beforeunload', warn);
    return () => globalThis.removeEventListener('beforeunload', warn);
  }, []);

  useEffect(() => { setStatus((s) => (opts.writable ? (s.state === 'read-only' ? { state: 'saved' } : s) : { state: 'read-only' })); }, [opts.writable]);

  return { status, save, dirty };
}
