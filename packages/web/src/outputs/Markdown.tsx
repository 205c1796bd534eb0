/** Markdown output, rendered by markdown-it with raw HTML off (markdown.ts), so the HTML is ours. */
import { useMemo } from 'react';
import { renderMarkdown } from './markdown.ts';

export function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="markdown-output" data-testid="markdown-output" dangerouslySetInnerHTML={{ __html: html }} />;
}
