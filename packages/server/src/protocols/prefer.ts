/**
 * The `Prefer` request header of the Log Analytics query API (RFC 7240):
 * `Prefer: wait=60,include-statistics=true,include-render=true`. Preferences may be
 * separated by ',' or ';'; names and values are case-insensitive; unknown ones are ignored.
 */

export interface Prefer {
  /** server timeout the client asks for, in seconds */
  wait?: number;
  includeStatistics: boolean;
  includeRender: boolean;
}

export function parsePrefer(header: string | undefined): Prefer {
  const prefer: Prefer = { includeStatistics: false, includeRender: false };
  if (!header) return prefer;
  for (const part of header.split(/[,;]/)) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value = (eq < 0 ? '' : part.slice(eq + 1)).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (name === 'wait') {
      const n = Number(value);
      if (value !== '' && Number.isFinite(n) && n > 0) prefer.wait = n;
    } else if (name === 'include-statistics') {
      prefer.includeStatistics = value === '' || value === 'true';
    } else if (name === 'include-render') {
      prefer.includeRender = value === '' || value === 'true';
    }
  }
  return prefer;
}
