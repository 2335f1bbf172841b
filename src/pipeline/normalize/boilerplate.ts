import {
  COOKIE_WORDS,
  CRUMB_MAX_LENGTH,
  CRUMB_MAX_WORDS,
  HEADLINE_MAX_LENGTH,
  HEADLINE_SIMILARITY,
  INLINE_CREDIT_LABELS,
  META_LABELS,
  META_MAX_LENGTH,
  PROMO_MAX_LENGTH,
  PROMO_PATTERNS,
  READ_ALSO_MARKERS,
  SITE_SELF_REFERENCE,
  TAG_LABELS,
} from './boilerplate-rules.js';
import { isDateLine } from './date-line.js';
import { foldForMatch } from '../../core/text/fold.js';
import { tokenSimilarity } from '../../core/text/tokens.js';

const SEPARATOR = '[:：\\-–—|»›]';
const SENTENCE_END = /[.!?。！？…؟۔"”’»)]$/u;

function labelPattern(table: Readonly<Record<string, readonly string[]>>, tail: string): RegExp {
  const phrases = [...new Set(Object.values(table).flat().map(foldForMatch))].sort((a, b) => b.length - a.length);
  const escaped = phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(?:${escaped.join('|')})${tail}`, 'u');
}

/** "Read also" alone (an optional separator or ellipsis may follow): a list of other articles starts. */
const READ_ALSO_ALONE = labelPattern(READ_ALSO_MARKERS, `\\s*(?:${SEPARATOR}|\\.{3}|…)?\\s*$`);
/** "Read also: <headline>": one inline link to another article. */
const READ_ALSO_INLINE = labelPattern(READ_ALSO_MARKERS, `\\s*${SEPARATOR}\\s*\\S`);
const TAG_LINE = labelPattern(TAG_LABELS, '\\s*[:：]');
const META_LINE = labelPattern(META_LABELS, '\\s*[:：]');
const INLINE_CREDIT = new RegExp(`(?:${INLINE_CREDIT_LABELS.map(foldForMatch).join('|')})\\s*[:：]`, 'u');
const BYLINE = /^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}.'’-]*){0,4}$/u;
const BREADCRUMB = /^[^.!?。！？]{1,30}(?:\s*[>›»/|]\s*[^.!?。！？]{1,30}){2,}$/u;

function isPromo(line: string): boolean {
  if (line.length > PROMO_MAX_LENGTH) return false;
  if (PROMO_PATTERNS.some((p) => p.test(line))) return true;
  return COOKIE_WORDS.test(line) && SITE_SELF_REFERENCE.test(line);
}

/** Every label and marker rule looks at the start of a line only, so only the start is folded. */
function foldedStart(line: string): string {
  return foldForMatch(line.slice(0, 60));
}

/**
 * Every character whose NFKC form holds a colon (checked on every code point in the tests): a
 * line start without any cannot fold to a tag or meta label, which both end in a colon.
 */
export const COLON_LIKE = /[:⩴︓﹕：]/;

/** A line that carries no article content wherever it appears. Its start is folded only when a rule needs it. */
function isNoiseLine(line: string): boolean {
  let folded = COLON_LIKE.test(line.slice(0, 60)) ? foldedStart(line) : null;
  if ((folded !== null && TAG_LINE.test(folded)) || isPromo(line) || isDateLine(line)) return true;
  const metaLine = folded !== null && META_LINE.test(folded);
  if (line.length > META_MAX_LENGTH || (SENTENCE_END.test(line) && !metaLine)) return false;
  if (metaLine) return true;
  folded ??= foldedStart(line);
  if (READ_ALSO_INLINE.test(folded) || BREADCRUMB.test(line)) return true;
  return INLINE_CREDIT.test(foldForMatch(line));
}

const DENSE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A line of real prose: sentence punctuation and some length (a third as many characters in Han, Kana, Hangul). */
function isParagraph(line: string): boolean {
  const minimum = DENSE_SCRIPT.test(line) ? 25 : 80;
  return line.length > minimum && /[.!?。！？؟۔]/u.test(line);
}

/** Cuts at the first "read also" heading that follows real content; alone at the top it is just dropped. */
function cutReadAlsoTail(lines: string[]): string[] {
  const kept: string[] = [];
  for (const line of lines) {
    if (line.length <= 60 && READ_ALSO_ALONE.test(foldedStart(line))) {
      if (kept.some(isParagraph)) return kept;
      continue;
    }
    kept.push(line);
  }
  return kept;
}

/** Drops headline repeats (near-duplicates too) and bylines before the first body line. */
function dropRepeatedHeadlines(lines: string[], title: string): string[] {
  const headlines = title === '' ? [] : [title];
  let start = 0;
  for (; start < lines.length; start += 1) {
    const line = lines[start] ?? '';
    const isRepeat =
      line.length < HEADLINE_MAX_LENGTH && headlines.some((h) => line.length <= 1.5 * h.length + 10 && tokenSimilarity(h, line) >= HEADLINE_SIMILARITY);
    if (isRepeat) headlines.push(line);
    else if (!BYLINE.test(line)) break;
  }
  return lines.slice(start);
}

function isCrumb(line: string): boolean {
  if (line.length > CRUMB_MAX_LENGTH || SENTENCE_END.test(line)) return false;
  return line.split(/\s+/).length <= CRUMB_MAX_WORDS;
}

/** Drops navigation crumbs, agency names and other short unpunctuated lines at the end. */
function dropTrailingCrumbs(lines: string[]): string[] {
  let end = lines.length;
  while (end > 1 && isCrumb(lines[end - 1] ?? '')) end -= 1;
  return lines.slice(0, end);
}

/** Joins a dangling dateline ("Nairobi —") to the paragraph it introduces. */
function joinDatelines(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const previous = out.at(-1);
    if (previous !== undefined && previous.length <= 40 && /\s[—–-]$/.test(previous)) out[out.length - 1] = `${previous} ${line}`;
    else if (previous !== line) out.push(line);
  }
  return out;
}

/**
 * Removes boilerplate from plain text (one paragraph per line), generically and in many languages:
 * "read also" tails, tag lists, consent banners, promotions, date and byline lines, source credits,
 * the headline repeated at the top, and trailing navigation crumbs. The phrase tables live in
 * `boilerplate-rules.ts`.
 */
export function removeBoilerplate(text: string, title: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const body = cutReadAlsoTail(lines).filter((line) => !isNoiseLine(line));
  return joinDatelines(dropTrailingCrumbs(dropRepeatedHeadlines(body, title))).join('\n');
}
