import { describe, expect, it } from 'vitest';
import { buildFeed } from '../bench/feed.js';
import { scanSimpleHtml } from '../src/pipeline/normalize/html-scan.js';
import { BLOCK_ELEMENTS, SKIPPED_ELEMENTS, treeText } from '../src/pipeline/normalize/simple-html.js';
import { seededRandom } from './helpers/seeded-random.js';

const BLOCKS = new Set([...BLOCK_ELEMENTS, 'main']);
const SKIPPED = new Set(SKIPPED_ELEMENTS);

/** Random HTML of the pieces the scan reads, and of the ones that send a document to htmlparser2. */
function documents(count: number): string[] {
  const { next, pick } = seededRandom(13);
  const names = [
    'p',
    'P',
    'div',
    'br',
    'a',
    'b',
    'em',
    'strong',
    'span',
    'h2',
    'blockquote',
    'section',
    'main',
    'img',
    'figure',
    'figcaption',
    'small',
    'picture',
  ];
  const attributes = [
    '',
    '',
    ' href="https://x.example/?a=1&amp;b=2"',
    " alt='a > b'",
    ' class=lead',
    ' hidden',
    ' data-x = "y"',
    '/',
    ' /',
    ' a=',
    ' "q"=1',
    ' src="u"alt="v"',
    ' title="<p>"',
    ' a=b/c',
  ];
  const texts = [
    'Budget passes',
    ' ',
    '\n',
    '\t',
    'تهران',
    '中国',
    'a &amp; b',
    '&lt;x&gt;',
    '&quot;&apos;',
    '&nbsp;',
    '&#39;',
    '&#x2019;',
    '&#1114111;',
    '&#X41;',
  ];
  /** Pieces that send a document to htmlparser2 (or that it reads in ways the scan does not). */
  const others = [
    '<ul>',
    '<li>',
    '</li>',
    '<script>x</script>',
    '<title>',
    '<font>',
    '<svg>',
    '&#128;',
    '&#0;',
    '&#xD800;',
    '&copy;',
    '&amp',
    '& ',
    'x < y',
    '<!-- c -->',
    '<!doctype html>',
    '<?x?>',
    '<p =x>',
    '</p >',
  ];
  const docs: string[] = [];
  for (let d = 0; d < count; d += 1) {
    const parts: string[] = [];
    const length = 1 + Math.floor(next() * 14);
    for (let i = 0; i < length; i += 1) {
      const roll = next();
      const name = pick(names);
      if (roll < 0.03) parts.push(pick(others));
      else if (roll < 0.38) parts.push(`<${name}${pick(attributes)}>`);
      else if (roll < 0.6) parts.push(`</${name}>`);
      else parts.push(pick(texts));
    }
    if (next() < 0.05) parts.push('<p', '<a href="');
    docs.push(parts.join(''));
  }
  return docs;
}

describe('scanSimpleHtml', () => {
  it('gives the text of htmlparser2’s tree, or leaves the document to it, on 30,000 generated documents', () => {
    let scanned = 0;
    for (const html of documents(30_000)) {
      const text = scanSimpleHtml(html, BLOCKS, SKIPPED);
      if (text === undefined) continue;
      scanned += 1;
      expect(text, html).toBe(treeText(html));
    }
    expect(scanned).toBeGreaterThan(15_000);
  });

  it('reads every bench body itself, as htmlparser2 does', () => {
    const bodies = [
      ...buildFeed(300)
        .toString('utf8')
        .matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g),
    ].map((m) => m[1] ?? '');
    expect(bodies).toHaveLength(300);
    for (const html of bodies) expect(scanSimpleHtml(html, BLOCKS, SKIPPED)).toBe(treeText(html));
  });
});
