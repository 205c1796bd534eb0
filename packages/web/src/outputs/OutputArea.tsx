/**
 * A cell's outputs (nbformat 4 output objects) as the app shows them: consecutive streams merged,
 * each output drawn by the view mime.ts picks for it: the results grid and its chart, Vega-Lite
 * charts, markdown, images, untrusted HTML/SVG in a sandboxed iframe, text and tracebacks with
 * ANSI colours. Nothing of an output runs in the app's origin.
 */
import { useMemo } from 'react';
import { outputView, type OutputView } from './mime.ts';
import { mergeStreams } from './streams.ts';
import { ResultsGrid } from './grid/ResultsGrid.tsx';
import { Chart } from './Chart.tsx';
import { SandboxFrame } from './SandboxFrame.tsx';
import { Markdown } from './Markdown.tsx';
import { AnsiText } from './AnsiText.tsx';
import './outputs.css';

export interface OutputAreaProps {
  outputs: unknown[];
  onAddFilter?: (whereClause: string) => void;
}

export function OutputArea({ outputs, onAddFilter }: OutputAreaProps) {
  const views = useMemo(() => mergeStreams(outputs).map(outputView), [outputs]);
  return (
    <div data-testid="output-area" className="output-area">
      {views.map((v, i) => <div key={i} className={`output output-${v.kind}`}><OutputItem view={v} onAddFilter={onAddFilter} /></div>)}
    </div>
  );
}

export function OutputItem({ view, onAddFilter }: { view: OutputView; onAddFilter?: (whereClause: string) => void }) {
  switch (view.kind) {
    case 'grid':
      return <>
        {view.chart !== undefined && <Chart spec={view.chart} />}
        <ResultsGrid result={view.result} onAddFilter={onAddFilter} />
      </>;
    case 'chart':
      return <Chart spec={view.spec} />;
    case 'markdown':
      return <Markdown text={view.text} />;
    case 'image':
      return <img className="image-output" data-testid="image-output" alt={view.alt} src={`data:${view.mime};base64,${view.base64}`} />;
    case 'iframe':
      return <SandboxFrame mime={view.mime} content={view.html} />;
    case 'text':
      return <AnsiText text={view.text} className="text-output" testId="text-output" />;
    case 'stream':
      return <AnsiText text={view.text} className={`stream-output stream-${view.name}`} testId="stream-output" />;
    case 'error':
      return (
        <div className="error-output" data-testid="error-output">
          {view.traceback
            ? <AnsiText text={view.traceback} className="traceback" />
            : <pre className="traceback">{`${view.ename}: ${view.evalue}`}</pre>}
        </div>
      );
    case 'unknown':
      return <div className="muted unknown-output">({view.what})</div>;
  }
}
