/** Placeholder (the OUTPUTS helper replaces this): a cell's outputs as plain text. */
export interface OutputAreaProps {
  outputs: unknown[];
  onAddFilter?: (whereClause: string) => void;
}

export function OutputArea({ outputs }: OutputAreaProps) {
  return (
    <div data-testid="output-area" className="output-area">
      {outputs.map((o, i) => <pre key={i}>{textOf(o)}</pre>)}
    </div>
  );
}

function textOf(o: unknown): string {
  const x = o as { text?: string | string[]; data?: Record<string, unknown>; ename?: string; evalue?: string };
  if (x.text !== undefined) return [x.text].flat().join('');
  if (x.ename !== undefined) return `${x.ename}: ${x.evalue ?? ''}`;
  const plain = x.data?.['text/plain'];
  return plain === undefined ? JSON.stringify(o).slice(0, 500) : [plain as string | string[]].flat().join('');
}
