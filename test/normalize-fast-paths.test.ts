import { describe, expect, it } from 'vitest';
import { convertedText, htmlToPlainText, tidyLines } from '../src/pipeline/normalize/html-to-text.js';
import { COLON_LIKE, removeBoilerplate } from '../src/pipeline/normalize/boilerplate.js';
import { MARKDOWN_REWRITES, stripMarkdown } from '../src/pipeline/normalize/markdown.js';
import { scriptCensus } from '../src/pipeline/normalize/scripts.js';
import { foldForMatch, normalizeForHash } from '../src/core/text/fold.js';
import { simpleHtmlText } from '../src/pipeline/normalize/simple-html.js';
import { labeledRecords } from './helpers/corpus.js';
import { seededRandom } from './helpers/seeded-random.js';

/** Every title, summary and content of the labeled sets. */
function corpusTexts(): string[] {
  return labeledRecords().flatMap((record) => ['title', 'summary', 'content'].map((field) => record[field]).filter((v): v is string => typeof v === 'string'));
}

/** A deterministic generator of HTML fragments: nested, unclosed and upper-case tags, entities, odd spaces. */
function fragments(count: number): string[] {
  const { next, pick } = seededRandom(11);
  const tags = [
    'p',
    'div',
    'span',
    'a',
    'b',
    'em',
    'br',
    'img',
    'figure',
    'figcaption',
    'h2',
    'blockquote',
    'section',
    'main',
    'small',
    'script',
    'style',
    'nav',
    'aside',
    'sup',
    'li',
    'P',
    'Span',
    'iframe',
    'ul',
    'ol',
    'table',
    'td',
    'hr',
    'pre',
    'wbr',
    'body',
  ];
  const texts = [
    'word',
    'two words',
    ' ',
    '\n',
    ' \n ',
    '\t',
    '\u00a0',
    '\u200b',
    '&amp;',
    '&nbsp;',
    '&lt;b&gt;',
    '&copy',
    'Ελλάδα',
    'اقرأ أيضا',
    '中文',
    '\u3000',
    'x\u000by',
    '\f',
    'end.',
    '&',
    '<',
    '>',
    '<!-- c -->',
    '<![CDATA[x]]>',
    '&hellip;',
  ];
  const build = (depth: number): string => {
    let html = '';
    for (let n = Math.floor(next() * 5); n > 0; n -= 1) {
      const tag = pick(tags);
      if (next() < 0.45 || depth > 4) html += pick(texts);
      else if (tag === 'br' || tag === 'img') html += next() < 0.5 ? `<${tag}>` : `<${tag} src="x"/>`;
      else html += `<${tag}${next() < 0.2 ? ' class="c"' : ''}>${build(depth + 1)}${next() < 0.9 ? `</${tag}>` : ''}`;
    }
    return html;
  };
  return Array.from({ length: count }, () => build(0));
}

describe('htmlToPlainText cheap paths', () => {
  const inputs = [...corpusTexts(), ...fragments(20_000)];

  it('gives the html-to-text converter’s text for plain text and for simple HTML', () => {
    const plain = inputs.filter((text) => !text.includes('<') && !text.includes('&'));
    const simple = inputs.filter((html) => simpleHtmlText(html) !== null);
    expect(plain.length).toBeGreaterThan(1000);
    expect(simple.length).toBeGreaterThan(10_000);
    expect(plain.filter((text) => tidyLines(text) !== tidyLines(convertedText(text)))).toEqual([]);
    expect(simple.filter((html) => tidyLines(simpleHtmlText(html) ?? '') !== tidyLines(convertedText(html)))).toEqual([]);
  });

  it('walks paragraphs, links, inline markup and dropped media, and leaves lists and tables to the converter', () => {
    expect(simpleHtmlText('<figure><img src="x"><figcaption>Photo</figcaption></figure><p>One <a href="/x">link</a>.</p><p>Two</p>')).toBe(
      '\nOne link.\n\nTwo\n',
    );
    expect(simpleHtmlText('<p>List:</p><ul><li>a</li></ul>')).toBeNull();
    expect(simpleHtmlText('<table><tr><td>1</td></tr></table>')).toBeNull();
    expect(simpleHtmlText('<html><body><p>x</p></body></html>')).toBeNull();
    expect(htmlToPlainText('<p>List:</p><ul><li>a</li><li>b</li></ul>')).toBe('List:\n- a\n- b');
  });
});

/** The census as one regular expression over runs, as it was first written. */
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Arabic',
  'Han',
  'Kana',
  'Hangul',
  'Thai',
  'Devanagari',
  'Bengali',
  'Greek',
  'Hebrew',
  'Georgian',
  'Armenian',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Gujarati',
  'Gurmukhi',
  'Oriya',
  'Sinhala',
  'Khmer',
  'Lao',
  'Myanmar',
  'Ethiopic',
];
const RUNS = new RegExp(
  ['[^\\p{L}]+', ...SCRIPTS.map((s) => `(${s === 'Kana' ? '[\\p{Script=Hiragana}\\p{Script=Katakana}]' : `\\p{Script=${s}}`}+)`)].join('|'),
  'gu',
);
function censusByRuns(text: string): Record<string, number> {
  const census: Record<string, number> = {};
  for (const match of text.matchAll(RUNS)) {
    const script = SCRIPTS[match.findIndex((run, index) => index > 0 && run !== undefined) - 1];
    if (script !== undefined) census[script] = (census[script] ?? 0) + [...match[0]].length;
  }
  return census;
}

describe('scriptCensus', () => {
  it('counts as the regular expression over script runs does, marks and numerals of a script inside its runs', () => {
    const texts = [...corpusTexts(), 'aⅠb 〇中ⅰ文 ー カタカナ ひらがな́ e\u0301 ١٢ Ⅻx ـا 𠀀𠀁 a̐ \ud800x'];
    for (let start = 0; start < 0x30000; start += 41) {
      const codePoints = Array.from({ length: 41 }, (_, k) => start + k).filter((c) => c < 0xd800 || c > 0xdfff);
      texts.push(String.fromCodePoint(...codePoints));
    }
    expect(texts.filter((t) => JSON.stringify(scriptCensus(t)) !== JSON.stringify(censusByRuns(t)))).toEqual([]);
  });
});

/** Every BMP character `[\s\u200b]` matches: what tidyLines collapses. */
const SPACES = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((c) => /[\s\u200b]/.test(c));

/** tidyLines as it was first written: one pass per line. */
function tidyByLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u200b]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

describe('one-pass text rules', () => {
  it('tidies lines as splitting into lines and tidying each does', () => {
    const { next, pick } = seededRandom(35);
    const alphabet = [...SPACES, '\n', '\n', ' ', ' ', 'a', 'b', '中', 'ا', '\u200c', '.'];
    const generated = Array.from({ length: 20_000 }, () => Array.from({ length: Math.floor(next() * 30) }, () => pick(alphabet)).join(''));
    const texts = [...corpusTexts(), ...fragments(2_000).map(convertedText), ...generated, ...SPACES.map((c) => `a${c}b${c}\n${c}`)];
    expect(SPACES.length).toBeGreaterThan(20);
    expect(texts.filter((text) => tidyLines(text) !== tidyByLines(text))).toEqual([]);
  });

  it('collapses spaces for matching and hashing as replacing every run of spaces does', () => {
    const { next, pick } = seededRandom(36);
    const alphabet = [...SPACES, '\n', ' ', ' ', ' ', 'a', 'B', 'İ', 'ا', '\u064b', '\u200c', 'ﬁ', '\u2000'];
    const generated = Array.from({ length: 20_000 }, () => Array.from({ length: Math.floor(next() * 30) }, () => pick(alphabet)).join(''));
    // Texts without the Arabic letter variants, whose folding (a letter for a letter) these references leave out.
    const texts = [...corpusTexts(), ...generated, ...SPACES.map((c) => ` a${c}b ${c}${c}c${c} `)].filter(
      (text) => !/[أإآٱىیکۀة]/.test(text.normalize('NFKC')),
    );
    const foldByRuns = (text: string): string =>
      text
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[\u0307\u064b-\u065f\u0670\u0640]/g, '')
        .replace(/[\s\u200c\u200b]+/g, ' ')
        .trim();
    const hashByRuns = (text: string): string => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
    expect(texts.length).toBeGreaterThan(20_000);
    expect(texts.filter((text) => normalizeForHash(text) !== hashByRuns(text))).toEqual([]);
    expect(texts.filter((text) => foldForMatch(text) !== foldByRuns(text))).toEqual([]);
  });

  it('skips the markdown rewrites only when none of them can apply', () => {
    const markdown = [
      '# Head\ntext',
      '  > quote',
      '---',
      'a\n***\nb',
      '[link](https://x.org/a)',
      '![img](/a.png "t") after',
      'x <!-- c --> y',
      '\t## h',
      'a]( b',
    ];
    const texts = [...corpusTexts(), ...fragments(2_000), ...markdown];
    const byEveryRewrite = (text: string): string => MARKDOWN_REWRITES.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
    expect(texts.filter((text) => stripMarkdown(text) !== byEveryRewrite(text))).toEqual([]);
    expect(markdown.filter((text) => stripMarkdown(text) === text)).toEqual(['a]( b']);
  });

  it('knows every character that folds to a colon, so unlabelled lines are not folded for the label rules', () => {
    const colons: string[] = [];
    for (let c = 0; c <= 0x10ffff; c += 1) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const text = String.fromCodePoint(c);
      if (/[:：]/.test(foldForMatch(`x${text}x`)) || /[:：]/.test(text.normalize('NFKD'))) colons.push(text);
    }
    expect(colons.filter((c) => !COLON_LIKE.test(c))).toEqual([]);
    expect(removeBoilerplate('Tags: economy\nThe bank kept its rate unchanged on Wednesday, citing persistent price pressures in services.', '')).toBe(
      'The bank kept its rate unchanged on Wednesday, citing persistent price pressures in services.',
    );
  });
});
