import type { QuestionWords } from '../config/question-words.js';
import type { StoredSentence } from '../core/sentence.js';
import { foldText } from '../core/text/fold.js';
import { searchTokens } from '../core/text/search-tokens.js';
import { tokenSimilarity } from '../core/text/tokens.js';
import { mentionedDates, type DateMention } from '../pipeline/dates/mentioned-dates.js';
import type { CompiledStory } from '../pipeline/match/compile-story.js';
import type { SentenceStore } from '../store/ports.js';
import { kindRule } from '../taxonomy/taxonomy.js';
import { languagePhrases, readQuestion, regionNames, type ReadQuestion } from './read-question.js';

/** A sentence cited in an answer, with its score (concepts of the question it holds, plus preferences). */
export interface Citation {
  sentence: StoredSentence;
  score: number;
}

/** An answer from the stored sentences: the best ones (none when nothing relevant is stored) and how the question was read. */
export interface SourceAnswer {
  known: boolean;
  citations: Citation[];
  question: ReadQuestion;
}

const CITED = 3;
const SPACELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
/** Weights: a concept of the question half held (a side for the actor, the kind for its cue word), and the preferences. */
const SIDE_ONLY = 0.6;
const KIND_ONLY = 0.7;
const FAMILY_ONLY = 0.4;
const ASPECT_BONUS = 0.5;
const ORDER_BONUS = 0.3;
const LANGUAGE_BONUS = 0.4;
const TITLE_PENALTY = 0.1;
const FOCUS_BONUS = 0.25;
const UNRESOLVED_DAY = 0.3;
/** Entity kinds that answer "where". */
const PLACES = new Set(['city', 'place']);
/** Sentences this alike (Dice on tokens) are one report repeated: only the first is cited. */
const SAME_REPORT = 0.6;

/** The prefix a word is searched by: long words lose a short ending ("mediated" → "mediat"), so inflections match. */
function stem(word: string): string {
  return SPACELESS.test(word) || word.length < 6 ? word : word.slice(0, Math.max(5, word.length - 2));
}

/** A sentence as the scorer reads it: tokens, folded text, and what the story's names and cue words find in it. */
interface ReadSentence {
  tokens: string[];
  joined: string;
  entities: Set<string>;
  sides: string[];
  kinds: Set<string>;
  /** Where in the (folded) sentence each kind's cue words stand. */
  cues: { kind: string; index: number }[];
}

function readSentence(story: CompiledStory, s: StoredSentence): ReadSentence {
  const folded = foldText(s.text);
  const entities = new Set<string>();
  const sides: string[] = [];
  const kinds = new Set<string>();
  const cues: { kind: string; index: number }[] = [];
  for (const { payload, index } of story.indexFor(s.lang).find(folded)) {
    if (payload.type === 'event') {
      kinds.add(payload.kind);
      cues.push({ kind: payload.kind, index });
    } else if (payload.type === 'entity') {
      entities.add(payload.id);
      for (const side of payload.sides) if (!sides.includes(side)) sides.push(side);
    }
  }
  const tokens = searchTokens(folded);
  return { tokens, joined: tokens.join(''), entities, sides, kinds, cues };
}

/** Whether the sentence holds these words in a row (each as a prefix; in spaceless scripts anywhere). */
function holds(r: ReadSentence, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  if (words.some((w) => SPACELESS.test(w))) return r.joined.includes(words.join(''));
  const stems = words.map(stem);
  for (let i = 0; i + stems.length <= r.tokens.length; i += 1) if (stems.every((p, j) => (r.tokens[i + j] as string).startsWith(p))) return true;
  return false;
}

/** The search terms of a question: its words and the cue words of its kinds in every language, or else the names of its actors in every language. */
function searchTerms(story: CompiledStory, q: ReadQuestion, langs: readonly string[]): string[] {
  const terms = new Set<string>();
  const add = (text: string): void => {
    for (const t of searchTokens(text.replace(/\$$/u, ''))) if (t.length >= 3 || SPACELESS.test(t)) terms.add(stem(t));
  };
  for (const w of q.words) {
    terms.add(stem(w.word));
    for (const name of w.names) name.forEach((t) => add(t));
  }
  for (const k of q.kinds) {
    k.words.forEach(add);
    for (const list of Object.values(kindRule(story.taxonomy, k.kind).cues)) list.forEach(add);
    for (const list of Object.values(story.config.events.cues?.[k.kind] ?? {})) list.forEach(add);
  }
  // A relevant sentence holds a word or a kind of the question (see `score`): the actors' names,
  // which most of a story's sentences hold, are searched for only when the question has nothing else.
  if (terms.size > 0) return [...terms];
  for (const e of q.entities) {
    const entity = story.config.entities.find((x) => x.id === e.id);
    for (const list of Object.values(entity?.names ?? {})) list.forEach(add);
    for (const code of entity?.countries ?? []) for (const name of regionNames(code, langs)) add(name.join(' '));
  }
  return [...terms];
}

/** Whether a date mention names this day: as written ("18 January") or resolved ("Thursday" in an item of the 19th). */
function namesDay(m: DateMention, d: { month: number; day: number }): boolean {
  if (m.month === d.month && m.day === d.day) return true;
  const [, month, day] = (m.date ?? '').split('-').map(Number);
  return month === d.month && day === d.day;
}

/** Characters between a date and a cue word of the asked kind for the date to be that event's ("on Thursday carried out airstrikes"). */
const NEAR = 80;

/** A "when" question's concept: a day the sentence gives for the asked kind of event (near one of its cue words; any day when no kind is asked). */
function datesTheKind(story: CompiledStory, q: ReadQuestion, r: ReadSentence, dates: DateMention[]): number {
  const families = new Set(q.kinds.map((k) => kindRule(story.taxonomy, k.kind).family));
  const cues = r.cues.filter((c) => families.has(kindRule(story.taxonomy, c.kind).family));
  const near = q.kinds.length === 0 ? dates : dates.filter((d) => cues.some((c) => Math.abs(c.index - d.index) <= NEAR));
  // A weekday in an undated item names no day: it half answers "when".
  return near.some((d) => d.date !== null) ? 1 : near.length > 0 ? UNRESOLVED_DAY : 0;
}

/** How much of the question a sentence holds (0 when it is not relevant), and its preferences on top. */
function score(story: CompiledStory, words: QuestionWords, q: ReadQuestion, s: StoredSentence, askerLang: string): number {
  const r = readSentence(story, s);
  const concepts: number[] = [];
  const others: number[] = [];
  for (const e of q.entities) concepts.push(r.entities.has(e.id) ? 1 : e.side !== null && r.sides.includes(e.side) ? SIDE_ONLY : 0);
  for (const k of q.kinds) {
    const family = kindRule(story.taxonomy, k.kind).family;
    const got = holds(r, k.words)
      ? 1
      : r.kinds.has(k.kind)
        ? KIND_ONLY
        : [...r.kinds].some((x) => kindRule(story.taxonomy, x).family === family)
          ? FAMILY_ONLY
          : 0;
    others.push(got);
  }
  for (const w of q.words) others.push(holds(r, [w.word]) || w.names.some((n) => holds(r, n)) ? 1 : 0);
  const dates = q.days.length > 0 || q.aspects.has('when') ? mentionedDates(s.text, s.lang, s.published) : [];
  if (q.days.length > 0) others.push(dates.some((m) => q.days.some((d) => namesDay(m, d))) ? 1 : 0);
  // What the question asks for (a day, a place) counts in the coverage, but never makes a sentence relevant on its own.
  const asked: number[] = [];
  if (q.aspects.has('when')) asked.push(datesTheKind(story, q, r, dates));
  if (q.aspects.has('where')) asked.push(story.config.entities.some((e) => PLACES.has(e.kind) && r.entities.has(e.id)) ? 1 : 0);
  const all = [...concepts, ...others, ...asked];
  if (all.length === 0) return 0;
  const coverage = all.reduce((a, b) => a + b, 0) / all.length;
  if (coverage < 0.5 || (others.length > 0 && Math.max(...others) < SIDE_ONLY)) return 0;
  // A "when" answer must give the day, a "where" answer the place: that counts twice.
  let total = all.reduce((a, b) => a + b, 0) + asked.reduce((a, b) => a + b, 0);
  if (q.aspects.has('said') && (languagePhrases(words, s.lang).get('said') ?? []).some((p) => holds(r, p))) total += ASPECT_BONUS;
  if (q.aspects.has('how_many') && /\p{N}/u.test(s.text)) total += ASPECT_BONUS;
  const sides = q.entities.map((e) => e.side).filter((x, i, list): x is string => x !== null && list.indexOf(x) === i);
  if (sides.length >= 2 && r.sides[0] === sides[0]) total += ORDER_BONUS;
  // A sentence about the asked kind only ("struck on Thursday"), not one that mentions it as background ("agreed to de-escalate after the strikes").
  const families = new Set(q.kinds.map((k) => kindRule(story.taxonomy, k.kind).family));
  if (families.size > 0 && r.kinds.size > 0 && [...r.kinds].every((x) => families.has(kindRule(story.taxonomy, x).family))) total += FOCUS_BONUS;
  if (s.lang === askerLang) total += LANGUAGE_BONUS;
  if (s.ord === 0) total -= TITLE_PENALTY;
  return total;
}

/**
 * Answers a question from the sentences stored for a story: reads it (its actors, kinds of event,
 * question words and other words; see read-question.ts), searches the full-text index with those
 * words and with the actors' names and the kinds' cue words in every language, scores each
 * sentence found by how much of the question it holds (read in its own language), and cites the
 * best few, the asker's language first among equals. `langs` are the languages whose country
 * names are searched for. Known is false only when no stored sentence is relevant.
 */
export async function answerFromSources(
  store: SentenceStore,
  story: CompiledStory,
  words: QuestionWords,
  question: string,
  askerLang: string,
  langs: readonly string[],
): Promise<SourceAnswer> {
  const q = readQuestion(story, words, question, askerLang, langs);
  const terms = searchTerms(story, q, langs);
  const found = await store.searchSentences(story.config.id, terms);
  const scored = found
    .map((sentence) => ({ sentence, score: score(story, words, q, sentence, askerLang) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.sentence.id - b.sentence.id);
  const citations: Citation[] = [];
  for (const c of scored) {
    if (citations.length >= CITED) break;
    if (citations.some((x) => tokenSimilarity(x.sentence.text, c.sentence.text) >= SAME_REPORT)) continue;
    citations.push(c);
  }
  return { known: citations.length > 0, citations, question: q };
}
