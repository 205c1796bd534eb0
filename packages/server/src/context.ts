/**
 * What every route plugin gets: the workspaces, the authorization function and the limits.
 * `Workspaces` is the part of the store's WorkspaceStore the service uses.
 */
import type { CreateWorkspaceOptions, Workspace, WorkspaceInfo } from '@huntbook/store';
import type { Authorizer } from './auth/authorize.ts';
import type { QueryLimits } from './query/limits.ts';
import type { Slots } from './slots.ts';
import type { NotebookFiles } from './jupyter/types.ts';

export interface Workspaces {
  list(): WorkspaceInfo[] | Promise<WorkspaceInfo[]>;
  get(nameOrId: string): Promise<Workspace | undefined> | Workspace | undefined;
  create(options: CreateWorkspaceOptions): Promise<Workspace>;
}

export interface ServerContext {
  readonly workspaces: Workspaces;
  readonly authorize: Authorizer;
  readonly limits: QueryLimits;
  /** the largest ingestion body, compressed or not (default 1 GiB) */
  readonly ingestBodyLimit: number;
  /** ingestion requests reading or storing a body at once (the rest wait, then get 429) */
  readonly ingestSlots: Slots;
  /** controllers of the queries running now, so a shutdown cancels them instead of waiting */
  readonly inflight: Set<AbortController>;
  /** notebooks by contents path (jupyter/contents/), for the kernel manager's output recording */
  readonly notebooks: NotebookFiles;
}
