import type { StoryConfig, StoryNames } from '../../config/story-schema.js';
import type { EventKind } from '../../core/event-kinds.js';
import { baseTaxonomy } from '../../taxonomy/base-taxonomy.js';
import { storyTaxonomy, type Taxonomy } from '../../taxonomy/taxonomy.js';
import { countryNames, type CountryName } from './country-names.js';
import { PhraseIndex } from './phrase-index.js';
import type { LearnedWeights } from '../../config/learned-weights.js';

/** What a phrase found in text stands for. */
export type Signal =
  | { type: 'entity'; id: string; label: string; /** Sides it is evidence for: its own, all (core), or none. */ sides: string[] }
  | { type: 'event'; kind: EventKind }
  | { type: 'nearMiss'; id: string; label: string };

/** A story turned into what the matcher runs: phrase indexes over its names and cue words. */
export interface CompiledStory {
  config: StoryConfig;
  /**
   * The index for items in a language: every name (names cross languages: a Latin "Nairobi" shows
   * up in Turkish text) and the cue words of that language; for a language without cue words, the
   * cue words of all languages. Built on first use per language.
   */
  indexFor(lang: string): PhraseIndex<Signal>;
  /** Whether the story has cue words in a language (else its items are read with every language's cues). */
  hasCues(lang: string): boolean;
  sides: { id: string; label: string }[];
  /** First and last day of the window as epoch ms (the end is exclusive: the day after `to`). */
  window: { from: number; to: number | null };
  /** Years the window covers, for judging the years a text mentions. */
  windowYears: Set<number>;
  /** The event kinds that make the story. */
  coreKinds: Set<EventKind>;
  /** The kinds the story can use (base and its own), with labels and merge rules. */
  taxonomy: Taxonomy;
  /** Entities whose term of office (`from`/`to`) does not meet the window, with the term as written. */
  outOfPeriod: Map<string, string>;
  /** Entities whose whole term of office (`from` and `to`) meets the window and lasts a year at most (a caretaker's), with the term. */
  periodTerms: Map<string, string>;
  /** Weights fitted by `storywatch train`, when the story has a weights file; else the hand-set ones apply. */
  weights?: LearnedWeights;
}

/** The longest term of office that still pins an item to the story's period (a caretaker government's). */
const PERIOD_TERM_DAYS = 366;

/**
 * Entities' terms of office (`from`/`to`) against the window: those that end before it opens or
 * start after it closes, and those wholly given that meet it and last at most
 * {@link PERIOD_TERM_DAYS}; each with the term as written.
 */
function officeTerms(config: StoryConfig, from: number, to: number | null): { outOfPeriod: Map<string, string>; periodTerms: Map<string, string> } {
  const outOfPeriod = new Map<string, string>();
  const periodTerms = new Map<string, string>();
  for (const e of config.entities) {
    if (!e.from && !e.to) continue;
    const start = e.from ? Date.parse(`${e.from}T00:00:00Z`) : -Infinity;
    const end = e.to ? Date.parse(`${e.to}T00:00:00Z`) + 86_400_000 : Infinity;
    const term = `${e.from ?? ''}…${e.to ?? ''}`;
    if (end <= from || (to !== null && start >= to)) outOfPeriod.set(e.id, term);
    else if (end - start <= PERIOD_TERM_DAYS * 86_400_000) periodTerms.set(e.id, term);
  }
  return { outOfPeriod, periodTerms };
}

/**
 * A story's names for an entity: its own (inflections allowed; a name ending in "$" matches only a
 * whole word, like cues) and its countries' names.
 */
function allNames(names: StoryNames | undefined, countries: string[] | undefined): CountryName[] {
  const list: CountryName[] = Object.values(names ?? {})
    .flat()
    .map((name) => ({ name: name.replace(/\$$/, ''), whole: name.endsWith('$') }));
  for (const code of countries ?? []) list.push(...countryNames(code));
  return list;
}

type Phrase = { text: string; whole: boolean; signal: Signal };

/** Cue phrases by language ("any" for those that go with every language). */
function cuePhrases(config: StoryConfig, taxonomy: Taxonomy): Map<string, Phrase[]> {
  const byLang = new Map<string, Phrase[]>();
  const add = (lang: string, list: readonly string[], kind: EventKind): void => {
    // A cue ending in "$" matches whole words only (see CueTable).
    const phrases = list.map((cue) => ({ text: cue.replace(/\$$/, ''), whole: cue.endsWith('$'), signal: { type: 'event', kind } as Signal }));
    byLang.set(lang, [...(byLang.get(lang) ?? []), ...phrases]);
  };
  for (const { id: kind, cues } of [...taxonomy.values()].filter((k) => config.events.kinds.includes(k.id))) {
    for (const [lang, list] of Object.entries(cues)) add(lang, list, kind);
    for (const [lang, list] of Object.entries(config.events.cues?.[kind] ?? {})) add(lang, list, kind);
  }
  return byLang;
}

/**
 * Compiles a story: its entities' names (with country names from packages), its near misses, and
 * the cue words of the event kinds it counts (the taxonomy's plus the story's own), from `base`
 * (config/taxonomy/base.yml by default) and the kinds the story declares.
 */
export function compileStory(config: StoryConfig, base: Taxonomy = baseTaxonomy()): CompiledStory {
  const taxonomy = storyTaxonomy(config, base);
  const sides = config.sides.map((s) => s.id);
  const names: Phrase[] = [];
  for (const e of config.entities) {
    const signal: Signal = { type: 'entity', id: e.id, label: e.label, sides: e.core ? sides : e.side ? [e.side] : [] };
    // An entity that `reports` a kind (an operation's name) is also a cue word for it, in every language.
    const reports: Signal | null = e.reports ? { type: 'event', kind: e.reports } : null;
    for (const n of allNames(e.names, e.countries)) {
      names.push({ text: n.name, whole: n.whole, signal });
      if (reports) names.push({ text: n.name, whole: n.whole, signal: reports });
    }
  }
  for (const n of config.nearMisses) {
    const signal: Signal = { type: 'nearMiss', id: n.id, label: n.label };
    for (const name of allNames(n.names, n.countries)) names.push({ text: name.name, whole: name.whole, signal });
  }
  const cueByLang = cuePhrases(config, taxonomy);
  const indexes = new Map<string, PhraseIndex<Signal>>();
  const indexFor = (lang: string): PhraseIndex<Signal> => {
    const key = cueByLang.has(lang) && lang !== 'any' ? lang : '*';
    const cached = indexes.get(key);
    if (cached) return cached;
    const own = key === '*' ? [...cueByLang.values()].flat() : [...(cueByLang.get(key) ?? []), ...(cueByLang.get('any') ?? [])];
    const index = new PhraseIndex<Signal>();
    for (const p of [...names, ...own]) index.add(p.text, p.signal, p.whole);
    indexes.set(key, index);
    return index;
  };

  const from = Date.parse(`${config.window.from}T00:00:00Z`);
  const to = config.window.to ? Date.parse(`${config.window.to}T00:00:00Z`) + 86_400_000 : null;
  const lastYear = new Date(to ?? Date.now()).getUTCFullYear();
  const windowYears = new Set<number>();
  for (let y = new Date(from).getUTCFullYear(); y <= lastYear; y += 1) windowYears.add(y);
  const coreKinds = new Set(config.events.core ?? config.events.kinds);
  return {
    config,
    indexFor,
    hasCues: (lang) => lang !== 'any' && cueByLang.has(lang),
    sides: config.sides,
    window: { from, to },
    windowYears,
    coreKinds,
    taxonomy,
    ...officeTerms(config, from, to),
    ...(config.learnedWeights ? { weights: config.learnedWeights } : {}),
  };
}
