/**
 * The contents side of the Jupyter API: one factory makes the shared layout and locks, the
 * operations behind /api/contents (routes/contents.ts) and the NotebookFiles the kernel
 * manager records outputs through.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Authorizer } from '../../auth/authorize.ts';
import type { Workspaces } from '../../context.ts';
import type { NotebookFiles } from '../types.ts';
import { ContentsCore } from './core.ts';
import { Layout } from './layout.ts';
import { FileNotebooks } from './notebook-files.ts';
import { KeyedLock } from './storage.ts';

export { ContentsCore } from './core.ts';
export { Layout, parseContentsPath } from './layout.ts';
export { checkNotebook, notebookFromFile, notebookToFile, NotebookError } from './nbformat.ts';

/** The repo's templates/ folder (shipped notebook templates). */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../../../../templates/', import.meta.url));

export interface ContentsOptions {
  dataDir: string;
  workspaces: Workspaces;
  authorize: Authorizer;
  /** default: the repo's templates/ (made, with a .gitkeep, when missing) */
  templatesDir?: string;
}

export interface ContentsService {
  readonly core: ContentsCore;
  readonly notebooks: NotebookFiles;
}

export function createContents(options: ContentsOptions): ContentsService {
  const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES_DIR;
  if (!existsSync(templatesDir)) {
    mkdirSync(templatesDir, { recursive: true });
    writeFileSync(join(templatesDir, '.gitkeep'), '');
  }
  const layout = new Layout(options.dataDir, templatesDir);
  const locks = new KeyedLock();
  return {
    core: new ContentsCore({ layout, workspaces: options.workspaces, authorize: options.authorize, locks }),
    notebooks: new FileNotebooks(layout, locks),
  };
}
