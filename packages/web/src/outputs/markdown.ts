/**
 * Markdown as HTML, for markdown cells and markdown outputs alike: markdown-it with raw HTML off (tags in the text come out escaped),
 * links made from URLs, and markdown-it's link check (no javascript:, vbscript:, file: or
 * non-image data: URLs). Links open in a new tab without an opener.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('target', '_blank');
  tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(text: string): string {
  return md.render(text);
}
