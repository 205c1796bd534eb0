/**
 * The contracts of the Jupyter-compatible side of the service (issue 5). Read this first.
 *
 * Contents (./contents/, Jupyter Server's /api/contents): the root lists one folder per
 * workspace the caller may read (`notebook.read`). Inside workspace W:
 *   W/Users/<user>/...   <data dir>/workspaces/W/notebooks/Users/<user>/...   (user = principal.name)
 *   W/Shared/...         <data dir>/workspaces/W/notebooks/Shared/...
 *   W/Templates/...      the repo's templates/ folder, read-only for everyone
 * Writes are atomic (temp file + rename) and serialized per file (NotebookFiles.mutate), so the
 * browser's saves and the kernel manager's output recording never interleave half-way.
 * Checkpoints live in <data dir>/workspaces/W/notebooks/.checkpoints/ (not listed).
 *
 * Kernels (./kernels/, /api/kernelspecs, /api/kernels, /api/sessions, WebSocket
 * /api/kernels/{id}/channels): the kernel manager starts the Huntbook kernel (kernelspec from
 * @huntbook/kernel) with a connection file and the environment HUNTBOOK_URL (this server),
 * HUNTBOOK_TOKEN (a token made for the user who started it, revoked when the kernel ends) and
 * HUNTBOOK_WORKSPACE (the workspace of the session's notebook path). While a cell runs, every
 * iopub output of an execute_request whose metadata.cellId names a cell of the session's
 * notebook is written into that cell on the server (OutputRecorder), so a closed tab loses nothing.
 *
 * Authorization: routes declare actions (auth/authorize.ts: 'notebook.read', 'notebook.write',
 * 'kernel.use'); path rules (Users/<other>/ not writable, Templates/ read-only) are decided by
 * the same authorize() with a { kind: 'notebook' } resource, called through canWrite() below.
 */

/** A Jupyter contents model (Jupyter Server's REST shape). */
export interface ContentsModel {
  name: string;
  path: string;
  type: 'notebook' | 'file' | 'directory';
  writable: boolean;
  created: string;
  last_modified: string;
  size: number | null;
  mimetype: string | null;
  format: 'json' | 'text' | 'base64' | null;
  /** notebook JSON, file text/base64, or a directory's models (without content); null when content=0 */
  content: unknown;
  hash?: string;
  hash_algorithm?: string;
}

/** An nbformat 4.5 notebook (cells have ids). */
export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

export interface NotebookCell {
  id: string;
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
  attachments?: Record<string, unknown>;
}

/** What the kernel manager needs from contents (implemented in ./contents/). */
export interface NotebookFiles {
  /** the workspace a contents path is in (its first segment), or undefined at the root */
  workspaceOf(path: string): string | undefined;
  /** read a notebook by contents path (multi-line values joined into strings); undefined when it does not exist; throws on a bad path ('..', hidden names) */
  readNotebook(path: string): Promise<Notebook | undefined>;
  /**
   * change a notebook in place: read, fn, check (nbformat 4.5: missing cell ids are added), atomic write,
   * serialized per file with the contents API's saves; false when it does not exist or is read-only
   * (Templates/); throws (writing nothing) when fn leaves it invalid
   */
  mutateNotebook(path: string, fn: (nb: Notebook) => void): Promise<boolean>;
}

/** A running kernel as /api/kernels shows it. */
export interface KernelModel {
  id: string;
  name: string;
  last_activity: string;
  execution_state: 'starting' | 'idle' | 'busy' | 'restarting' | 'dead';
  connections: number;
}

/** A session as /api/sessions shows it. */
export interface SessionModel {
  id: string;
  path: string;
  name: string;
  type: string;
  kernel: KernelModel;
}
