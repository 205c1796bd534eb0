/**
 * The errors of the KQL magics. Each class's `name` is what Jupyter shows as the error's ename,
 * and each message says what went wrong and where (the option, the variable, the line and column,
 * the URL).
 */

/** The magic line itself is wrong: an unknown option, a missing or bad option value, no query. */
export class KqlMagicError extends Error {
  override name = 'KqlMagicError';
}

/** A kernel variable used as a query parameter has no KQL literal (null, undefined, a cycle ...). */
export class KqlParameterError extends Error {
  override name = 'KqlParameterError';
  constructor(readonly variable: string, message: string) {
    super(message);
  }
}

/** The kernel cannot reach the server: a missing environment variable or an unreachable URL. */
export class KqlConnectionError extends Error {
  override name = 'KqlConnectionError';
}

/** The server refused or failed the query; line and column are the cell's when known. */
export class KqlQueryError extends Error {
  override name = 'KqlQueryError';
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}
