/** Quoting of identifiers and literals for DuckDB: the only place SQL text is made from user input. */
import type { KType } from '../../plan/types.ts';

/** "identifier" with embedded quotes doubled. Identifiers never contain NUL. */
export function ident(name: string): string {
  return `"${name.replace(/\u0000/g, '').replace(/"/g, '""')}"`;
}

/** 'string' literal with embedded quotes doubled (DuckDB strings have no backslash escapes); NUL as chr(0). */
export function str(s: string): string {
  const parts = s.split('\u0000').map((p) => `'${p.replace(/'/g, "''")}'`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' || chr(0) || ')})`;
}

export const SQL_TYPE: Record<KType, string> = {
  bool: 'BOOLEAN', int: 'INTEGER', long: 'BIGINT', real: 'DOUBLE', decimal: 'DECIMAL(38,18)', string: 'VARCHAR',
  datetime: 'TIMESTAMP_NS', timespan: 'BIGINT', dynamic: 'JSON', guid: 'UUID',
};

/** Escape a string for use inside a RE2 regular expression, literally. */
export function reEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Escape for LIKE patterns with ESCAPE '\\'. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, '\\$&');
}
