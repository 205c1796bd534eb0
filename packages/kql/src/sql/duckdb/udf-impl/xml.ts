/**
 * parse_xml(): a small, strict XML 1.0 reader and Kusto's XML -> JSON mapping.
 *
 * Mapping (the Kusto docs' table): the document is `{ root: value }`; an element with neither
 * attributes nor child elements is its text, or null when it has none; otherwise a bag with
 * `@name` for each attribute, `#text` for its text, and one key per child element name in
 * order of first appearance (a name that repeats holds an array). Whitespace-only text is
 * dropped; text beside child elements is trimmed (`<e> text <a/> </e>` gives "text").
 * Comments, processing instructions, the XML declaration and a DOCTYPE are skipped; CDATA
 * is text. Anything malformed (unclosed or mismatched tags, bad names, unknown entities,
 * duplicate attributes, a second root, text outside the root) gives null, as does input
 * over 1 MiB of UTF-8.
 */

type Json = null | string | Json[] | { [k: string]: Json };

interface Element {
  readonly name: string;
  readonly attrs: [string, string][];
  /** child elements and text runs, in document order */
  readonly children: (Element | string)[];
}

class XmlError extends Error {}

const MAX_BYTES = 1_048_576;
const NAME_START = /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDBFF]/;
const NAME_CHAR = /[-.0-9\u00B7\u0300-\u036F\u203F-\u2040A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDFFF]/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  document(): Element {
    if (this.s.charCodeAt(0) === 0xfeff) this.i = 1;
    if (/^<\?xml[\s?]/.test(this.s.slice(this.i, this.i + 6))) this.pi();
    this.misc();
    if (this.s.startsWith('<!DOCTYPE', this.i)) { this.doctype(); this.misc(); }
    if (this.s[this.i] !== '<') throw new XmlError('no root element');
    const root = this.element();
    this.misc();
    if (this.i < this.s.length) throw new XmlError('content after the root element');
    return root;
  }

  /** whitespace, comments and processing instructions between top-level items */
  private misc(): void {
    for (;;) {
      this.skipSpace();
      if (this.s.startsWith('<!--', this.i)) this.comment();
      else if (this.s.startsWith('<?', this.i)) this.pi();
      else return;
    }
  }

  private skipSpace(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i]!)) this.i++;
  }

  private comment(): void {
    const end = this.s.indexOf('-->', this.i + 4);
    if (end < 0) throw new XmlError('unclosed comment');
    if (this.s.slice(this.i + 4, end).includes('--') || this.s[end - 1] === '-') throw new XmlError('"--" in a comment');
    this.i = end + 3;
  }

  private pi(): void {
    this.i += 2;
    const target = this.name();
    if (target.toLowerCase() === 'xml' && this.i !== 5 + (this.s.charCodeAt(0) === 0xfeff ? 1 : 0)) throw new XmlError('misplaced XML declaration');
    const end = this.s.indexOf('?>', this.i);
    if (end < 0) throw new XmlError('unclosed processing instruction');
    this.i = end + 2;
  }

  private doctype(): void {
    // skipped, with its internal subset; quoted strings may hold '>' or ']'
    this.i += 9;
    let depth = 0;
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === '"' || c === "'") {
        const end = this.s.indexOf(c, this.i + 1);
        if (end < 0) break;
        this.i = end + 1;
        continue;
      }
      this.i++;
      if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth === 0) return;
    }
    throw new XmlError('unclosed DOCTYPE');
  }

  private name(): string {
    const start = this.i;
    if (!NAME_START.test(this.s[this.i] ?? '')) throw new XmlError('bad name');
    this.i++;
    while (this.i < this.s.length && NAME_CHAR.test(this.s[this.i]!)) this.i++;
    return this.s.slice(start, this.i);
  }

  private element(): Element {
    this.i++; // '<'
    const name = this.name();
    const attrs: [string, string][] = [];
    for (;;) {
      const before = this.i;
      this.skipSpace();
      const c = this.s[this.i];
      if (c === '/' && this.s[this.i + 1] === '>') { this.i += 2; return { name, attrs, children: [] }; }
      if (c === '>') { this.i++; break; }
      if (this.i === before) throw new XmlError('expected whitespace before an attribute');
      const an = this.name();
      this.skipSpace();
      if (this.s[this.i] !== '=') throw new XmlError('expected =');
      this.i++;
      this.skipSpace();
      const q = this.s[this.i];
      if (q !== '"' && q !== "'") throw new XmlError('unquoted attribute value');
      const end = this.s.indexOf(q, this.i + 1);
      if (end < 0) throw new XmlError('unclosed attribute value');
      const raw = this.s.slice(this.i + 1, end);
      if (raw.includes('<')) throw new XmlError('< in an attribute value');
      if (attrs.some(([n]) => n === an)) throw new XmlError('duplicate attribute');
      attrs.push([an, decode(raw.replace(/[\t\n]/g, ' '))]);
      this.i = end + 1;
    }
    const children: (Element | string)[] = [];
    let text = '';
    const flush = (): void => { if (text) children.push(text); text = ''; };
    for (;;) {
      if (this.i >= this.s.length) throw new XmlError(`unclosed <${name}>`);
      const lt = this.s.indexOf('<', this.i);
      if (lt < 0) throw new XmlError(`unclosed <${name}>`);
      if (lt > this.i) { text += decode(this.s.slice(this.i, lt)); this.i = lt; }
      if (this.s.startsWith('</', this.i)) {
        this.i += 2;
        if (this.name() !== name) throw new XmlError('mismatched end tag');
        this.skipSpace();
        if (this.s[this.i] !== '>') throw new XmlError('bad end tag');
        this.i++;
        flush();
        return { name, attrs, children };
      }
      if (this.s.startsWith('<!--', this.i)) { this.comment(); continue; }
      if (this.s.startsWith('<![CDATA[', this.i)) {
        const end = this.s.indexOf(']]>', this.i + 9);
        if (end < 0) throw new XmlError('unclosed CDATA');
        text += this.s.slice(this.i + 9, end);
        this.i = end + 3;
        continue;
      }
      if (this.s.startsWith('<?', this.i)) { this.pi(); continue; }
      flush();
      children.push(this.element());
    }
  }
}

/** Character and entity references of text or an attribute value. */
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;]*);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError('bare &');
    const pre = PREDEFINED[ref];
    if (pre !== undefined) return pre;
    const num = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
    if (!num) throw new XmlError(`unknown entity ${m}`);
    const cp = num[1] !== undefined ? parseInt(num[1], 16) : parseInt(num[2]!, 10);
    if (!isXmlChar(cp)) throw new XmlError('bad character reference');
    return String.fromCodePoint(cp);
  });
}

function toJson(e: Element): Json {
  const hasElements = e.children.some((c) => typeof c !== 'string');
  const texts = e.children.filter((c): c is string => typeof c === 'string' && c.trim() !== '');
  if (!e.attrs.length && !hasElements) return texts.length ? texts.join('') : null;
  const bag: { [k: string]: Json } = Object.create(null) as { [k: string]: Json };
  for (const [n, v] of e.attrs) bag[`@${n}`] = v;
  const groups = new Map<string, Json[]>();
  for (const c of e.children) {
    let key: string;
    let value: Json;
    if (typeof c === 'string') {
      if (c.trim() === '') continue;
      key = '#text';
      value = hasElements ? c.trim() : c;
    } else {
      key = c.name;
      value = toJson(c);
    }
    const g = groups.get(key);
    if (g) g.push(value);
    else groups.set(key, [value]);
  }
  for (const [k, vs] of groups) bag[k] = vs.length === 1 ? vs[0]! : vs;
  return bag;
}

/** The JSON text of Kusto's parse_xml(), or null for invalid XML. */
export function parseXmlToJson(xml: string): string | null {
  if (xml.length > MAX_BYTES / 3 && new TextEncoder().encode(xml).length > MAX_BYTES) return null;
  // XML treats \r\n and a lone \r as \n
  const s = xml.replace(/\r\n?/g, '\n');
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x9 && c !== 0xa) return null;
    if (c === 0xfffe || c === 0xffff) return null;
  }
  try {
    const root = new Reader(s).document();
    return JSON.stringify({ [root.name]: toJson(root) });
  } catch (e) {
    if (e instanceof XmlError) return null;
    throw e;
  }
}
