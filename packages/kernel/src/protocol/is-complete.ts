/**
 * is_complete_request, answered in the worker without running anything: a %%kql cell is
 * complete; otherwise %-magic lines are blanked, types are stripped with esbuild and the rest
 * parsed with acorn as a module that may await and return at top level. Input that ends too
 * early is 'incomplete' (the console asks for another line, indented), any other syntax error
 * is 'invalid'.
 */
import { transformSync, type TransformFailure } from 'esbuild';
import { parse } from 'acorn';

export interface IsCompleteReply {
  status: 'complete' | 'incomplete' | 'invalid';
  indent?: string;
}

const INDENT = '  ';

export function isComplete(code: string): IsCompleteReply {
  if (/^\s*%%kql\b/.test(code)) return { status: 'complete' };
  const source = code.replace(/^([ \t]*)%.*$/gm, '$1');
  let js: string;
  try {
    js = transformSync(source, { loader: 'ts', format: 'esm', target: 'esnext' }).code;
  } catch (e) {
    const failure = e as Partial<TransformFailure>;
    if (!Array.isArray(failure.errors)) throw e;
    return endsTooEarly(failure.errors.map((x) => x.text), source) ? { status: 'incomplete', indent: INDENT } : { status: 'invalid' };
  }
  try {
    parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true });
  } catch (e) {
    const pos = (e as { pos?: number }).pos;
    if (typeof pos === 'number' && pos >= js.trimEnd().length) return { status: 'incomplete', indent: INDENT };
    return { status: 'invalid' };
  }
  return { status: 'complete' };
}

/**
 * True when esbuild stopped at the end of the input: an unclosed bracket, a statement cut
 * short, an open comment or template literal. A quoted string cannot span lines, so an
 * unterminated one is invalid, unless a template literal is open (an odd number of backticks).
 */
function endsTooEarly(messages: string[], source: string): boolean {
  const first = messages[0] ?? '';
  if (/end of file/i.test(first)) return true;
  if (/to terminate multi-line comment/.test(first)) return true;
  if (/Unterminated string literal|Unterminated template/.test(first)) return (source.match(/`/g)?.length ?? 0) % 2 === 1;
  return false;
}
