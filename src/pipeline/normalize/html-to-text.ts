import { compile } from 'html-to-text';
import { stripMarkdown } from './markdown.js';

const SKIPPED = [
  'img', 'picture', 'video', 'audio', 'figure', 'figcaption', 'small', 'iframe', 'script', 'style',
  'noscript', 'svg', 'form', 'button', 'nav', 'footer', 'aside', 'object', 'embed',
];
const BLOCK_ONE_BREAK = ['p', 'div', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header'];

const convertHtml = compile({
  wordwrap: false,
  preserveNewlines: true,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    ...SKIPPED.map((selector) => ({ selector, format: 'skip' })),
    ...BLOCK_ONE_BREAK.map((selector) => ({
      selector,
      format: selector.startsWith('h') && selector.length === 2 ? 'heading' : 'block',
      options: { leadingLineBreaks: 1, trailingLineBreaks: 1, uppercase: false },
    })),
    { selector: 'ul', options: { itemPrefix: '- ' } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

const HTML_BLOCK_TAG = /<(?:p|br|div|li|h[1-6]|blockquote|table|tr)\b/i;

/**
 * In a document laid out with HTML blocks, a newline inside a run of text is just a space (the
 * source was wrapped); in plain or markdown text every newline is a line break.
 */
function joinWrappedLines(html: string): string {
  if (!HTML_BLOCK_TAG.test(html)) return html;
  return html.replace(/([^>\s])[ \t]*\r?\n[ \t]*(?=[^<\s])/g, '$1 ');
}

/** Collapses spaces inside lines, trims them and removes empty lines. */
export function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u200b]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Converts item content (HTML, plain text, or markdown with embedded HTML) to plain text: no
 * word wrap, links as their text, images, scripts, styles, captions, credits and embeds dropped,
 * one paragraph per line.
 */
export function htmlToPlainText(content: string): string {
  const prepared = joinWrappedLines(stripMarkdown(content.replace(/\r\n?/g, '\n')));
  return tidyLines(convertHtml(prepared));
}

/** Cleans a one-line field such as a title: tags removed, entities decoded, whitespace collapsed. */
export function cleanInlineText(value: string): string {
  return htmlToPlainText(value).replace(/\n/g, ' ').trim();
}
