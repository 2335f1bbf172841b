import { readFileSync } from 'node:fs';

/** One eld detector, as `eld/small` exports it (only what language detection calls). */
export interface EldDetector {
  detect(text: string): { language: string };
  setLanguageSubset(languages: string[]): unknown;
}

interface EldFactory {
  createEld(): { instance: EldDetector; loadData(data: unknown): void };
}

/** Where `eld/small` lives; its n-gram file and detector sit beside it in the package. */
const ENTRY = import.meta.resolve('eld/small');

/** A quoted string (eld writes `'…'` with `\'` escapes) or a bare property name before its colon. */
const LITERAL_TOKEN = /'((?:[^'\\]|\\.)*)'|(?<=[{,])([\w$]+)(?=:)/g;

/**
 * eld's `small` n-gram database, read as data: its module is one 1.6 MB object literal, and
 * compiling it as JavaScript took a process's peak memory up by about 140 MB. The literal is
 * turned into JSON (quoted strings re-quoted, bare keys quoted) and parsed, giving the same object.
 */
function readSmallNgrams(): unknown {
  const source = readFileSync(new URL('../ngrams/small.js', ENTRY), 'utf8');
  const start = source.indexOf('{', source.indexOf('export const ngramsData'));
  const literal = source.slice(start, source.lastIndexOf('}') + 1);
  const json = literal.replace(LITERAL_TOKEN, (_, quoted: string | undefined, key: string | undefined) =>
    quoted !== undefined ? JSON.stringify(quoted.replace(/\\(.)/g, '$1')) : `"${key}"`,
  );
  return JSON.parse(json);
}

const { createEld } = (await import(new URL('../languageDetector.js', ENTRY).href)) as EldFactory;
const ngrams = readSmallNgrams();

/**
 * A new eld detector on the `small` database, as `eld/small`'s `newInstance()` builds it (every
 * detector shares the one database object, as eld's own instances do).
 */
export function newSmallDetector(): EldDetector {
  const { instance, loadData } = createEld();
  loadData(ngrams);
  return instance;
}
