/**
 * The KQL part of the kernel: `%kql` / `%%kql` magics (magic.ts), kernel values as query
 * parameters (parameters.ts, literals.ts), the server's query API (client.ts), the result value
 * (result.ts, display.ts) and KQL completions (complete.ts). The Executor calls runKqlMagic and
 * completeKql; notebooks see KqlResult values.
 */
import type { Connection } from '../types.ts';
import { connectionFromEnv as fromEnv } from './client.ts';

export { runKqlMagic, LAST_RESULT } from './magic.ts';
export { completeKql, clearSchemaCache } from './complete.ts';
export { KqlResult } from './result.ts';
export { kqlLiteral, kqlString } from './literals.ts';
export { KqlMagicError, KqlParameterError, KqlConnectionError, KqlQueryError } from './errors.ts';

/** The server connection from HUNTBOOK_URL, HUNTBOOK_TOKEN and HUNTBOOK_WORKSPACE (errors name what is missing). */
export function connectionFromEnv(options?: { workspace?: string; env?: NodeJS.ProcessEnv }): Connection {
  return fromEnv(options);
}
