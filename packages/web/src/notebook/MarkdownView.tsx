/** A rendered markdown cell (see markdown.ts for why its HTML is safe in the page). */
import { useMemo } from 'react';
import { renderMarkdown } from '../outputs/markdown.ts';

export function MarkdownView({ source, onEdit }: { source: string; onEdit: () => void }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return source.trim() === ''
    ? <div className="markdown empty-md muted" onDoubleClick={onEdit}>Empty markdown cell: double-click or press Enter to edit</div>
    : <div className="markdown" onDoubleClick={onEdit} dangerouslySetInnerHTML={{ __html: html }} />;
}
