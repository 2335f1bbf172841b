import type { ChildNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { scanSimpleHtml } from './html-scan.js';

/**
 * Elements the converter in `html-to-text.ts` drops with their content, lays out as blocks (one line
 * break before and after: its own selectors plus html-to-text's default `main`), and the ones it
 * formats in ways this walk does not reproduce (lists, tables, rules, preformatted text, word-break
 * hints; `body` makes html-to-text convert only the body). Every other element is inline there.
 */
/** Elements dropped with their content, by both converters. */
export const SKIPPED_ELEMENTS = [
  'img',
  'picture',
  'video',
  'audio',
  'figure',
  'figcaption',
  'small',
  'iframe',
  'script',
  'style',
  'noscript',
  'svg',
  'form',
  'button',
  'nav',
  'footer',
  'aside',
  'object',
  'embed',
];
/** Elements laid out as blocks with one line break before and after, by both converters. */
export const BLOCK_ELEMENTS = ['p', 'div', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header'];
const SKIPPED = new Set(SKIPPED_ELEMENTS);
// html-to-text lays out `main` as a block by default.
const BLOCKS = new Set([...BLOCK_ELEMENTS, 'main']);
const FORMATTED = new Set(['ul', 'ol', 'table', 'hr', 'pre', 'wbr', 'html', 'head', 'body']);
/** html-to-text truncates longer input; such documents go to it. */
const MAX_INPUT = 1 << 24;

/** Appends the text of nodes to `out`, a line break around each block; false on a formatted element. */
function walk(nodes: readonly ChildNode[], out: string[]): boolean {
  for (const node of nodes) {
    if (node.type === 'text') out.push(node.data);
    else if (node.type === 'tag' && !SKIPPED.has(node.name)) {
      if (FORMATTED.has(node.name)) return false;
      if (node.name === 'br') out.push('\n');
      else if (BLOCKS.has(node.name)) {
        out.push('\n');
        if (!walk(node.children, out)) return false;
        out.push('\n');
      } else if (!walk(node.children, out)) return false;
    }
  }
  return true;
}

/**
 * The text of an HTML document made only of paragraphs, divisions, headings, links, inline markup
 * and dropped media, parsed by htmlparser2 as html-to-text parses it: the same words and line
 * breaks as the html-to-text converter, once lines are tidied, without its layout engine (and, for
 * documents `scanSimpleHtml` reads, without building the tree). Null
 * when the document has an element laid out otherwise (a list, a table…): convert it in full then.
 */
export function simpleHtmlText(html: string): string | null {
  if (html.length > MAX_INPUT || /<body/i.test(html)) return null;
  return scanSimpleHtml(html, BLOCKS, SKIPPED) ?? treeText(html);
}

/** What {@link simpleHtmlText} gives, always from htmlparser2's tree: the reference the scan is tested against. */
export function treeText(html: string): string | null {
  const out: string[] = [];
  return walk(parseDocument(html, { decodeEntities: true }).children, out) ? out.join('') : null;
}
