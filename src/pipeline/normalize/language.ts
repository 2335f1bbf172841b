import { primarySubtag } from '../../core/language-tag.js';
import type { LanguageSource } from '../../core/item.js';
import { newSmallDetector } from './eld-small.js';
import { arabicScriptLanguage, cyrillicLanguage, hasJapaneseKana, indonesianOrMalay } from './language-hints.js';
import { dominantScript, scriptCensus, SINGLE_LANGUAGE_SCRIPTS, writtenIn, type Script } from './scripts.js';

/** What language detection needs to know about an item. */
export interface LanguageInput {
  title: string;
  text: string;
  /** Language the item or its feed document declares. */
  declared?: string | null;
  /** Language the operator configured for the feed. */
  feedLanguage?: string | null;
}

/** A detected language: ISO 639-1, or 'und'. */
export interface LanguageGuess {
  lang: string;
  source: LanguageSource;
}

/** How much of the text joins the title for identification: enough for a detector, cheap to scan. */
const SAMPLE_TEXT_LENGTH = 300;

/** Detectors restricted to the languages of one script, so they cannot wander to another. */
function subsetDetector(languages: string[]): (text: string) => string {
  const instance = newSmallDetector();
  instance.setLanguageSubset(languages);
  return (text) => instance.detect(text).language;
}
const detectArabicScript = subsetDetector(['ar', 'fa', 'ur']);
const detectCyrillic = subsetDetector(['ru', 'uk', 'bg', 'sr', 'be']);
const detectDevanagari = subsetDetector(['hi', 'mr']);
const detector = newSmallDetector();

const ISO_639_2: Readonly<Record<string, string>> = {
  eng: 'en',
  ara: 'ar',
  fas: 'fa',
  per: 'fa',
  urd: 'ur',
  zho: 'zh',
  chi: 'zh',
  vie: 'vi',
  rus: 'ru',
  tur: 'tr',
  fra: 'fr',
  fre: 'fr',
  spa: 'es',
  deu: 'de',
  ger: 'de',
  hin: 'hi',
  ind: 'id',
  por: 'pt',
  jpn: 'ja',
  kor: 'ko',
};
const DEPRECATED: Readonly<Record<string, string>> = { iw: 'he', in: 'id', ji: 'yi', jw: 'jv' };
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** The ISO 639-1 code of a declared language tag ("en-US", "zh_CN", "eng", "iw"), or null. */
export function declaredLanguageCode(tag: string | null | undefined): string | null {
  const primary = primarySubtag(tag);
  if (!/^[a-z]{2,3}$/.test(primary)) return null;
  const code = DEPRECATED[primary] ?? ISO_639_2[primary] ?? primary;
  if (code.length !== 2) return null;
  return languageNames.of(code) === code ? null : code;
}

/** The language the script alone, or the script's letters, settle; null when a detector is needed. */
function fromScript(script: Script, sample: string, census: ReturnType<typeof scriptCensus>): string | null {
  if (script === 'Han') return hasJapaneseKana(census) ? 'ja' : 'zh';
  if (script === 'Arabic') return arabicScriptLanguage(sample);
  if (script === 'Cyrillic') return cyrillicLanguage(sample);
  return SINGLE_LANGUAGE_SCRIPTS[script] ?? null;
}

function fromDetector(script: Script, sample: string): string | null {
  const detect =
    script === 'Arabic'
      ? detectArabicScript
      : script === 'Cyrillic'
        ? detectCyrillic
        : script === 'Devanagari'
          ? detectDevanagari
          : (text: string) => detector.detect(text).language;
  const lang = detect(sample);
  if (lang === '' || !writtenIn(lang, script)) return script === 'Devanagari' ? 'hi' : null;
  return lang === 'ms' ? indonesianOrMalay(sample) : lang;
}

/** A declared language is used when it is written in the item's script and its letters do not contradict it. */
function plausible(declared: string | null, script: Script | null, settled: string | null): declared is string {
  if (declared === null) return false;
  if (script === null) return true;
  return writtenIn(declared, script) && (settled === null || settled === declared || (script === 'Han' && declared === 'ja'));
}

/**
 * Identifies an item's language: Unicode script first (Han→zh unless kana→ja, Hangul→ko, Thai…),
 * letters that split a script (ar/fa/ur, Cyrillic), then a declared language if it fits the
 * script, then `eld` on the title and the start of the text. Returns ISO 639-1 and its source.
 */
export function detectLanguage(input: LanguageInput): LanguageGuess {
  const sample = `${input.title}\n${input.text.slice(0, SAMPLE_TEXT_LENGTH)}`;
  const census = scriptCensus(sample);
  const script = dominantScript(census);
  const settled = script === null ? null : fromScript(script, sample, census);
  const itemLanguage = declaredLanguageCode(input.declared);
  if (plausible(itemLanguage, script, settled)) return { lang: itemLanguage, source: 'declared' };
  const feedLanguage = declaredLanguageCode(input.feedLanguage);
  if (plausible(feedLanguage, script, settled)) return { lang: feedLanguage, source: 'feed' };
  if (script === null) return { lang: 'und', source: 'unknown' };
  if (settled !== null) return { lang: settled, source: 'script' };
  const detected = fromDetector(script, sample);
  return detected === null ? { lang: 'und', source: 'unknown' } : { lang: detected, source: 'detected' };
}
