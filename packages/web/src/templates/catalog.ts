/**
 * The templates gallery's data (pure): what a template says about itself
 * (`metadata.huntbook.template`: title, description, dataTypes, tags), whether a workspace has
 * the tables it needs (tables with rows > 0), and the name of the user's copy.
 */

export interface TemplateInfo {
  /** contents path, e.g. demo/Templates/Credential Scan.ipynb */
  path: string;
  /** file name */
  name: string;
  title: string;
  description: string;
  dataTypes: string[];
  tags: string[];
}

export interface TableRows { name: string; rows: number }

export interface Availability {
  /** every table the template needs has rows here */
  ready: boolean;
  present: string[];
  /** needed tables that are missing or empty */
  missing: string[];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A template's description from its notebook JSON; the file name stands in for a missing title. */
export function templateInfo(path: string, notebook: unknown): TemplateInfo {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const meta = (notebook as { metadata?: { huntbook?: { template?: Record<string, unknown> } } } | undefined)?.metadata?.huntbook?.template ?? {};
  return {
    path,
    name,
    title: typeof meta.title === 'string' && meta.title !== '' ? meta.title : name.replace(/\.ipynb$/i, ''),
    description: typeof meta.description === 'string' ? meta.description : '',
    dataTypes: strings(meta.dataTypes),
    tags: strings(meta.tags),
  };
}

/** Which of the tables a template needs this workspace has (with rows). Table names match exactly, as in KQL. */
export function availability(needed: readonly string[], tables: readonly TableRows[]): Availability {
  const withRows = new Set(tables.filter((t) => t.rows > 0).map((t) => t.name));
  const present = needed.filter((t) => withRows.has(t));
  const missing = needed.filter((t) => !withRows.has(t));
  return { ready: missing.length === 0, present, missing };
}

/** The file name of the user's copy: what they typed, with `.ipynb`, or an error saying what is wrong. */
export function copyName(typed: string): { name: string } | { error: string } {
  const t = typed.trim().replace(/\.ipynb$/i, '').trim();
  if (t === '') return { error: 'give the notebook a name' };
  if (/[/\\]/.test(t)) return { error: `'${typed}': a name cannot contain / or \\` };
  if (t === '.' || t === '..' || t.startsWith('.')) return { error: `'${typed}': a name cannot start with a dot` };
  if (/[\u0000-\u001f]/.test(t)) return { error: `'${typed}': a name cannot contain control characters` };
  return { name: `${t}.ipynb` };
}

/** The copy of a template as the user's own notebook: template metadata kept, outputs cleared. */
export function notebookFromTemplate(notebook: unknown, templatePath: string): Record<string, unknown> {
  const nb = structuredClone(notebook) as { metadata?: Record<string, unknown>; cells?: Record<string, unknown>[] };
  const meta = nb.metadata ?? {};
  const hb = (meta.huntbook as Record<string, unknown> | undefined) ?? {};
  const { template, ...rest } = hb;
  meta.huntbook = { ...rest, fromTemplate: { path: templatePath, title: (template as { title?: unknown } | undefined)?.title } };
  for (const c of nb.cells ?? []) {
    if (c.cell_type === 'code') { c.outputs = []; c.execution_count = null; }
  }
  return { ...nb, metadata: meta } as Record<string, unknown>;
}
