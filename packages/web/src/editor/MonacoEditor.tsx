/** The Monaco editor itself (its own chunk, loaded by CodeEditor): one model per cell, height follows content. */
import { useEffect, useRef } from 'react';
import { monaco, kustoSchemaOf, setKustoSchema } from './monaco.ts';
import { workspaceMetadata } from './schema.ts';
import type { CodeEditorProps } from './CodeEditor.tsx';

const NOTEBOOK_KEYS = (e: KeyboardEvent) =>
  (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey || e.altKey)) || e.key === 'Escape';

export default function MonacoEditor({ value, language, workspace, readOnly, focus, onChange, onFocus }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor>(undefined);
  const change = useRef(onChange);
  change.current = onChange;
  const focused = useRef(onFocus);
  focused.current = onFocus;

  useEffect(() => {
    const el = host.current!;
    const model = monaco.editor.createModel(value, language);
    const ed = monaco.editor.create(el, {
      model, readOnly, minimap: { enabled: false }, scrollBeyondLastLine: false, lineNumbers: 'off', glyphMargin: false,
      folding: false, renderLineHighlight: 'none', overviewRulerLanes: 0, automaticLayout: true, fontSize: 13, wordWrap: 'on',
      scrollbar: { vertical: 'hidden', alwaysConsumeMouseWheel: false }, fixedOverflowWidgets: true, tabSize: 2,
    });
    editor.current = ed;
    const fit = () => { el.style.height = `${Math.max(ed.getContentHeight(), 20)}px`; ed.layout(); };
    fit();
    const subs = [
      ed.onDidContentSizeChange(fit),
      ed.onDidChangeModelContent(() => change.current(ed.getValue())),
      ed.onDidFocusEditorText(() => focused.current?.()),
    ];
    // the notebook's keys, before Monaco (Esc stays Monaco's while its suggestions are open)
    const keys = (e: KeyboardEvent) => {
      if (!NOTEBOOK_KEYS(e)) return;
      if (e.key === 'Escape' && el.querySelector('.suggest-widget.visible')) return;
      e.preventDefault();
      e.stopPropagation();
      el.dispatchEvent(new CustomEvent('notebook-key', { bubbles: true, detail: { key: e.key, shift: e.shiftKey, ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey } }));
    };
    el.addEventListener('keydown', keys, true);
    if (language === 'kusto') {
      workspaceMetadata(workspace).then((m) => setKustoSchema(model, kustoSchemaOf(workspace, m))).catch(() => { /* completions without the schema */ });
    }
    if (focus) ed.focus();
    return () => { el.removeEventListener('keydown', keys, true); for (const s of subs) s.dispose(); ed.dispose(); model.dispose(); };
    // the editor is made once per cell; value changes from outside are applied below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language, workspace]);

  useEffect(() => {
    const ed = editor.current;
    if (ed && ed.getValue() !== value) ed.setValue(value);
  }, [value]);
  useEffect(() => { editor.current?.updateOptions({ readOnly }); }, [readOnly]);
  useEffect(() => { if (focus) editor.current?.focus(); }, [focus]);

  return <div ref={host} className="monaco-host" data-testid="cell-editor" />;
}
