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

/** `[\s\u200b]` without `\n`: the spaces `tidyLines` collapses inside a line (checked on every code point in the tests). */
const SPACE = '\\t\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200b\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
/** A run of spaces holding a line break, with the spaces and breaks around it. */
const LINE_BREAK_RUN = new RegExp(`[${SPACE}]*\\n[\\s\\u200b]*`, 'g');
/** A run of spaces that is not already a single ASCII space. */
const SPACE_RUN = new RegExp(` [${SPACE}]+|[${SPACE.replace(' ', '')}][${SPACE}]*`, 'g');

/**
 * Collapses spaces inside lines, trims them and removes empty lines: each run of spaces and line
 * breaks becomes one line break, each other run of spaces one space (two passes over the text,
 * rather than one per line).
 */
export function tidyLines(text: string): string {
  return text.replace(LINE_BREAK_RUN, '\n').replace(SPACE_RUN, ' ').trim();
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
