import { compile } from 'html-to-text';
import { stripMarkdown } from './markdown.js';
import { BLOCK_ELEMENTS, SKIPPED_ELEMENTS, simpleHtmlText } from './simple-html.js';

const convertHtml = compile({
  wordwrap: false,
  preserveNewlines: true,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    ...SKIPPED_ELEMENTS.map((selector) => ({ selector, format: 'skip' })),
    ...BLOCK_ELEMENTS.map((selector) => ({
      selector,
      format: selector.startsWith('h') && selector.length === 2 ? 'heading' : 'block',
      options: { leadingLineBreaks: 1, trailingLineBreaks: 1, uppercase: false },
    })),
    { selector: 'ul', options: { itemPrefix: '- ' } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

/** html-to-text truncates longer input: such text takes the converter's path. */
const MAX_CONVERTER_INPUT = 1 << 24;

const HTML_BLOCK_TAG = /<(?:p|br|div|li|h[1-6]|blockquote|table|tr)\b/i;

/**
 * In a document laid out with HTML blocks, a newline inside a run of text is just a space (the
 * source was wrapped); in plain or markdown text every newline is a line break.
 */
function joinWrappedLines(html: string): string {
  if (!html.includes('\n') || !HTML_BLOCK_TAG.test(html)) return html;
  return html.replace(/([^>\s])[ \t]*\r?\n[ \t]*(?=[^<\s])/g, '$1 ');
}

/** Whether a UTF-16 code unit is one of `[\s\u200b]`, the spaces and line breaks `tidyLines` collapses (checked on every code point in the tests). */
function isTidySpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x2000) return c === 0xa0 || c === 0x1680;
  return c <= 0x200b || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Collapses spaces inside lines, trims them and removes empty lines: each run of spaces and line
 * breaks becomes one line break, each other run of spaces one space, and the runs at both ends go
 * (one scan over the text, rather than one pass per line).
 */
export function tidyLines(text: string): string {
  let at = 0;
  while (at < text.length && isTidySpace(text.charCodeAt(at))) at += 1;
  let tidied = '';
  let kept = at;
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (!isTidySpace(c)) {
      at += 1;
      continue;
    }
    let end = at;
    let lineBreak = false;
    for (; end < text.length && isTidySpace(text.charCodeAt(end)); end += 1) if (text.charCodeAt(end) === 10) lineBreak = true;
    if (end === text.length) return tidied + text.slice(kept, at);
    if (lineBreak || c !== 32 || end !== at + 1) {
      tidied += text.slice(kept, at) + (lineBreak ? '\n' : ' ');
      kept = end;
    }
    at = end;
  }
  return tidied + text.slice(kept);
}

/**
 * The text html-to-text makes of a document, before lines are tidied: the reference the two cheap
 * paths of {@link htmlToPlainText} agree with.
 */
export function convertedText(html: string): string {
  return convertHtml(html);
}

/**
 * Converts item content (HTML, plain text, or markdown with embedded HTML) to plain text: no
 * word wrap, links as their text, images, scripts, styles, captions, credits and embeds dropped,
 * one paragraph per line. Text without tags or entities is only tidied (the converter would only
 * collapse its whitespace), and simple HTML is walked without html-to-text's layout engine; both
 * give html-to-text's text (decision 019).
 */
export function htmlToPlainText(content: string): string {
  const prepared = joinWrappedLines(stripMarkdown(content.includes('\r') ? content.replace(/\r\n?/g, '\n') : content));
  if (!prepared.includes('<') && !prepared.includes('&') && prepared.length <= MAX_CONVERTER_INPUT) return tidyLines(prepared);
  return tidyLines(simpleHtmlText(prepared) ?? convertHtml(prepared));
}

/** Cleans a one-line field such as a title: tags removed, entities decoded, whitespace collapsed. */
export function cleanInlineText(value: string): string {
  return htmlToPlainText(value).replace(/\n/g, ' ').trim();
}
