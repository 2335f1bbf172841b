import type { QuestionAspect, QuestionWords } from '../config/question-words.js';
import type { EventKind } from '../core/event-kinds.js';
import { foldText } from '../core/text/fold.js';
import { searchTokens } from '../core/text/search-tokens.js';
import { mentionedDates } from '../pipeline/dates/mentioned-dates.js';
import type { CompiledStory } from '../pipeline/match/compile-story.js';

/** An actor the question names (a story entity), with the side it stands for. */
export interface AskedEntity {
  id: string;
  side: string | null;
}

/** A kind of event the question names, with the words that named it. */
export interface AskedKind {
  kind: EventKind;
  words: string[];
}

/** A word of the question that is neither a name, a cue word nor a question word: searched for as written (or as a country's names). */
export interface AskedWord {
  word: string;
  /** The word's names in other languages, each as its search tokens, when it is a country's name ("Chine" → 中国, الصين…). */
  names: string[][];
}

/** A question as the search reads it. */
export interface ReadQuestion {
  /** The language it was read in: the one whose question words it uses most (the asker's on a tie). */
  lang: string;
  aspects: Set<QuestionAspect>;
  entities: AskedEntity[];
  kinds: AskedKind[];
  words: AskedWord[];
  /** Days it names (month and day). */
  days: { month: number; day: number }[];
}

const ASPECTS: readonly QuestionAspect[] = ['who', 'when', 'where', 'said', 'how_many'];
const SPACELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

const phraseCache = new WeakMap<QuestionWords, Map<string, Map<QuestionAspect | 'filler', string[][]>>>();

/** A language's question words, each as its search tokens, by aspect (and `filler`). */
export function languagePhrases(words: QuestionWords, lang: string): Map<QuestionAspect | 'filler', string[][]> {
  let byLang = phraseCache.get(words);
  if (!byLang) phraseCache.set(words, (byLang = new Map()));
  let phrases = byLang.get(lang);
  if (!phrases) {
    const entry = words.languages[lang];
    phrases = new Map();
    for (const aspect of [...ASPECTS, 'filler'] as const) {
      phrases.set(
        aspect,
        (entry?.[aspect] ?? []).map(searchTokens).filter((t) => t.length > 0),
      );
    }
    byLang.set(lang, phrases);
  }
  return phrases;
}

/** Start positions of `phrase` in `tokens`. */
function positions(tokens: readonly string[], phrase: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + phrase.length <= tokens.length; i += 1) if (phrase.every((p, j) => tokens[i + j] === p)) out.push(i);
  return out;
}

/** How many of the tokens the language's question words cover. */
function covered(words: QuestionWords, lang: string, tokens: string[]): Set<number> {
  const hit = new Set<number>();
  for (const list of languagePhrases(words, lang).values()) {
    for (const phrase of list) for (const at of positions(tokens, phrase)) phrase.forEach((_, j) => hit.add(at + j));
  }
  return hit;
}

/** The language a question is written in, by its question words; the asker's language on a tie (or when none is known). */
function questionLanguage(words: QuestionWords, tokens: string[], hint: string): string {
  let best = words.languages[hint] ? hint : 'en';
  let bestCount = covered(words, best, tokens).size;
  for (const lang of Object.keys(words.languages)) {
    const count = covered(words, lang, tokens).size;
    if (count > bestCount) [best, bestCount] = [lang, count];
  }
  return best;
}

const regionsByLangs = new Map<string, Map<string, string>>();
const REGION_CODES = (() => {
  const codes: string[] = [];
  for (let a = 65; a <= 90; a += 1) for (let b = 65; b <= 90; b += 1) codes.push(String.fromCharCode(a, b));
  return codes;
})();

/** The names of a region (ISO 3166 code) in these languages, from ICU, each as search tokens. */
export function regionNames(code: string, langs: readonly string[]): string[][] {
  const out = new Map<string, string[]>();
  for (const lang of langs) {
    try {
      const name = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }).of(code);
      if (name !== undefined) out.set(name, searchTokens(name));
    } catch {
      // A language ICU does not know names nothing.
    }
  }
  return [...out.values()].filter((t) => t.length > 0);
}

/** The region a word (a whole country name in one of these languages) names, or null. */
function regionOf(word: string, langs: readonly string[]): string | null {
  let regions = regionsByLangs.get(langs.join(','));
  if (!regions) {
    regions = new Map();
    regionsByLangs.set(langs.join(','), regions);
    for (const lang of langs) {
      const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
      for (const code of REGION_CODES) {
        const name = names.of(code);
        if (name === undefined || name === code) continue;
        const tokens = searchTokens(name);
        if (tokens.length === 1 && !regions.has(tokens[0] as string)) regions.set(tokens[0] as string, code);
      }
    }
  }
  return regions.get(word) ?? null;
}

/**
 * Reads a question with the story's names and cue words and the question words of its language:
 * the actors and kinds of event it names, what it asks for (who, when, said…), the other words
 * to search for, and the days it names. `langs` are the languages whose country names count.
 */
export function readQuestion(story: CompiledStory, words: QuestionWords, question: string, hint: string, langs: readonly string[]): ReadQuestion {
  const folded = foldText(question);
  const all = searchTokens(folded);
  const lang = questionLanguage(words, all, hint);
  // Question words first: "сказала" (said) asks for what was said, not for the story's statements as a kind.
  const aspects = new Set<QuestionAspect>();
  const questionTokens = new Set<string>();
  for (const [aspect, list] of languagePhrases(words, lang)) {
    for (const phrase of list) {
      if (positions(all, phrase).length === 0) continue;
      if (aspect !== 'filler') aspects.add(aspect);
      phrase.forEach((t) => questionTokens.add(t));
    }
  }
  const entities: AskedEntity[] = [];
  const kinds: AskedKind[] = [];
  let rest = folded;
  for (const hit of story.indexFor(lang).find(folded)) {
    const surface = folded.slice(hit.index, hit.end);
    if (hit.payload.type === 'entity') {
      const id = hit.payload.id;
      const side = story.config.entities.find((e) => e.id === id)?.side ?? null;
      if (!entities.some((e) => e.id === id)) entities.push({ id, side });
    } else if (hit.payload.type === 'event') {
      if (searchTokens(surface).every((t) => questionTokens.has(t))) continue;
      const kind = hit.payload.kind;
      const asked = kinds.find((k) => k.kind === kind) ?? (kinds[kinds.push({ kind, words: [] }) - 1] as AskedKind);
      // The cue word itself is searched for too: "mediated" asks for mediation, not for any talks.
      asked.words.push(...searchTokens(surface));
    } else continue;
    rest = rest.slice(0, hit.index) + ' '.repeat(hit.end - hit.index) + rest.slice(hit.end);
  }
  const asked: AskedWord[] = [];
  searchTokens(rest).forEach((word) => {
    if (questionTokens.has(word) || (word.length < 2 && !SPACELESS.test(word)) || asked.some((w) => w.word === word)) return;
    const region = regionOf(word, langs);
    asked.push({ word, names: region ? regionNames(region, langs) : [] });
  });
  const days = mentionedDates(question, lang, null)
    .filter((m) => m.month !== null && m.day !== null)
    .map((m) => ({ month: m.month as number, day: m.day as number }));
  return { lang, aspects, entities, kinds, words: asked, days };
}
