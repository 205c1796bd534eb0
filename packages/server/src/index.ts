/** @huntbook/server: the HTTP service (Log Analytics and Kusto query APIs, workspaces, ingestion). */
export { createServer, startServer, type ServerOptions, type HuntbookState } from './app.ts';
export { TokenStore, createToken, TOKEN_PREFIX, type Principal, type TokenInfo } from './auth/tokens.ts';
export { authorize, ACTIONS, type Action, type Authorizer, type Resource, type Decision } from './auth/authorize.ts';
export { DEFAULT_LIMITS, type QueryLimits } from './query/limits.ts';
export { checkNotebook, notebookFromFile, notebookToFile, NotebookError } from './jupyter/contents/index.ts';
export type { ContentsModel, Notebook, NotebookCell, NotebookFiles } from './jupyter/types.ts';
