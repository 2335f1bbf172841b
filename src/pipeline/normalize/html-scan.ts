/**
 * Elements the scan reads (every other one sends the document to htmlparser2): blocks, inline
 * markup, line breaks and the dropped media of `simple-html.ts`, none of which htmlparser2's
 * tokenizer reads in a special way (scripts, styles, titles, foreign content).
 */
const KNOWN = new Set([
  ...['p', 'div', 'blockquote', 'section', 'article', 'header', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
  ...['a', 'b', 'i', 'u', 'em', 'strong', 'span', 'sub', 'sup', 'cite', 'q', 'mark', 'abbr', 'time', 'br'],
  ...['img', 'picture', 'figure', 'figcaption', 'small'],
]);
/** Elements htmlparser2 never puts on its stack. */
const VOID = new Set(['br', 'img']);
/** Elements whose opening closes an open `p` (htmlparser2's `openImpliesClose`, among the known ones). */
const CLOSES_P = new Set(['p', 'div', 'blockquote', 'section', 'article', 'header', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption']);
/** The entities the scan decodes (htmlparser2 decodes them alike); any other `&` sends the document to htmlparser2. */
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const ENTITY = /&(?:([a-z]{2,4})|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/y;
const TAG_NAME = /[A-Za-z][A-Za-z0-9]*(?=[\t\n\f\r />])/y;
const END_TAG = /<\/([A-Za-z][A-Za-z0-9]*)>/y;

/** A code point of a numeric reference that htmlparser2 decodes as itself (not NUL, C1 controls, surrogates or beyond Unicode). */
function plainCodePoint(code: number): boolean {
  return (code >= 1 && code < 0x80) || (code >= 0xa0 && code < 0xd800) || (code >= 0xe000 && code <= 0x10ffff);
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';

/**
 * Where a start tag ends (just after its `>`), its attributes read from `at` (just after its name)
 * as htmlparser2's tokenizer reads them: names, then `=` and a quoted or unquoted value; -1 when
 * the document ends first, or for an attribute name starting with `=` (not read here).
 */
function startTagEnd(html: string, from: number): number {
  let at = from;
  for (;;) {
    while (isSpace(html[at]) || html[at] === '/') at += 1;
    const c = html[at];
    if (c === undefined || c === '=') return -1;
    if (c === '>') return at + 1;
    while (at < html.length && !isSpace(html[at]) && html[at] !== '/' && html[at] !== '>' && html[at] !== '=') at += 1;
    let next = at;
    while (isSpace(html[next])) next += 1;
    if (html[next] !== '=') continue;
    next += 1;
    while (isSpace(html[next])) next += 1;
    const quote = html[next];
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, next + 1);
      if (close < 0) return -1;
      at = close + 1;
    } else {
      at = next;
      while (at < html.length && !isSpace(html[at]) && html[at] !== '>') at += 1;
    }
  }
}

/** The text of the entity at `at`, and where it ends; null for one the scan does not decode. */
function entityAt(html: string, at: number): [string, number] | null {
  ENTITY.lastIndex = at;
  const match = ENTITY.exec(html);
  if (match === null) return null;
  const [, name, decimal, hex] = match;
  if (name !== undefined) {
    const text = NAMED[name];
    return text === undefined ? null : [text, ENTITY.lastIndex];
  }
  const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
  return plainCodePoint(code) ? [String.fromCodePoint(code), ENTITY.lastIndex] : null;
}

/**
 * The text `simple-html.ts` makes of a document (`walk` over htmlparser2's tree: text, a line
 * break for each `br` and around each block, dropped media left out), read in one scan without
 * building the tree, for documents made only of known elements, the entities above, and tags as
 * htmlparser2 reads them; the scan keeps htmlparser2's stack (an element opening a block closes an
 * open `p`, an end tag closes the elements above its own, a stray `</p>` is an empty paragraph,
 * `</br>` a line break, other stray end tags are ignored). Undefined for any other document
 * (comments, declarations, any other element or entity, a `<` that starts no tag): parse it then.
 */
export function scanSimpleHtml(html: string, blocks: ReadonlySet<string>, skipped: ReadonlySet<string>): string | undefined {
  const out: string[] = [];
  const stack: string[] = [];
  let skipping = 0;
  const open = (name: string): void => {
    if (skipped.has(name)) skipping += 1;
    else if (skipping === 0 && blocks.has(name)) out.push('\n');
  };
  const close = (name: string): void => {
    if (skipped.has(name)) skipping -= 1;
    else if (skipping === 0 && blocks.has(name)) out.push('\n');
  };
  let at = 0;
  let amp = html.indexOf('&');
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    const textEnd = lt < 0 ? html.length : lt;
    if (amp >= 0 && amp < at) amp = html.indexOf('&', at);
    for (; amp >= 0 && amp < textEnd; amp = html.indexOf('&', at)) {
      const entity = entityAt(html, amp);
      if (entity === null) return undefined;
      if (skipping === 0) out.push(html.slice(at, amp), entity[0]);
      at = entity[1];
    }
    if (skipping === 0 && at < textEnd) out.push(html.slice(at, textEnd));
    if (lt < 0) break;
    if (html[lt + 1] === '/') {
      END_TAG.lastIndex = lt;
      const end = END_TAG.exec(html);
      if (end === null) return undefined;
      const name = (end[1] ?? '').toLowerCase();
      if (!KNOWN.has(name)) return undefined;
      at = END_TAG.lastIndex;
      const pos = stack.lastIndexOf(name);
      if (pos >= 0) while (stack.length > pos) close(stack.pop() ?? '');
      else if (name === 'p') {
        open('p');
        close('p');
      } else if (name === 'br' && skipping === 0) out.push('\n');
      continue;
    }
    TAG_NAME.lastIndex = lt + 1;
    const tag = TAG_NAME.exec(html);
    if (tag === null) return undefined;
    const name = tag[0].toLowerCase();
    if (!KNOWN.has(name)) return undefined;
    at = startTagEnd(html, TAG_NAME.lastIndex);
    if (at < 0) return undefined;
    if (CLOSES_P.has(name)) while (stack.at(-1) === 'p') close(stack.pop() ?? '');
    if (VOID.has(name)) {
      if (name === 'br' && skipping === 0) out.push('\n');
    } else {
      stack.push(name);
      open(name);
    }
  }
  while (stack.length > 0) close(stack.pop() ?? '');
  return out.join('');
}
