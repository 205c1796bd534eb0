/**
 * A Monaco editor for one cell, growing with its text. Loaded lazily (Monaco is big): the
 * cell shows its text as plain <pre> until it is first edited, so a long notebook paints
 * fast. Keys the notebook owns (Shift/Ctrl/Alt+Enter, Esc) are taken before Monaco sees them.
 */
import { lazy, Suspense } from 'react';

export interface CodeEditorProps {
  value: string;
  language: 'kusto' | 'typescript' | 'markdown';
  workspace: string;
  readOnly?: boolean;
  /** take the focus when mounted */
  focus?: boolean;
  onChange(value: string): void;
  onFocus?(): void;
}

const MonacoEditor = lazy(() => import('./MonacoEditor.tsx'));

export function CodeEditor(props: CodeEditorProps) {
  return (
    <Suspense fallback={<pre className="code-fallback">{props.value || ' '}</pre>}>
      <MonacoEditor {...props} />
    </Suspense>
  );
}
