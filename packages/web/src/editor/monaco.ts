/// <reference lib="dom" />
/// <reference types="vite/client" />
/**
 * Monaco for the notebook: the editor core with its features (edcore), the TypeScript
 * language (code cells; semantic checks off, since a cell sees names from other cells) and
 * Kusto from @kusto/monaco-kusto (KQL cells), with their workers as module chunks of this
 * origin. `setKustoSchema` feeds monaco-kusto the workspace's tables and columns.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/language/typescript/monaco.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/markdown/markdown.contribution.js';
import { getKustoWorker } from '@kusto/monaco-kusto';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import TsWorker from 'monaco-editor/esm/vs/language/typescript/ts.worker.js?worker';
import KustoWorker from '@kusto/monaco-kusto/release/esm/kusto.worker.js?worker';
import type { EngineSchema } from '@kusto/monaco-kusto';
import type { LaMetadata } from './schema.ts';

(globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    if (label === 'kusto') return new KustoWorker();
    return new EditorWorker();
  },
};

const ts = (monaco.languages as unknown as { typescript: { typescriptDefaults: { setDiagnosticsOptions(o: unknown): void; setCompilerOptions(o: unknown): void } } }).typescript;
ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
ts.typescriptDefaults.setCompilerOptions({ target: 99, module: 99, allowNonTsExtensions: true, moduleDetection: 3 });

export { monaco };


export function kustoSchemaOf(workspace: string, meta: LaMetadata): EngineSchema {
  const database = {
    name: workspace, tables: meta.tables.map((t) => ({ name: t.name, entityType: 'Table' as const, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })),
    functions: [], entityGroups: [], majorVersion: 1, minorVersion: 0,
  };
  return { clusterType: 'Engine', cluster: { connectionString: globalThis.location.origin, databases: [database] }, database };
}

/** Give monaco-kusto the workspace's schema (completions of tables and columns, checks). */
export async function setKustoSchema(model: monaco.editor.ITextModel, schema: EngineSchema): Promise<void> {
  const accessor = await getKustoWorker();
  const worker = await accessor(model.uri);
  await worker.setSchema(schema);
}
