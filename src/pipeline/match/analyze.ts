import type { EventKind } from '../../core/event-kinds.js';
import type { CompiledStory, Signal } from './compile-story.js';
import { foldedText, type FoldedText, type PhraseIndex } from './phrase-index.js';
import { foldText } from '../../core/text/fold.js';
import { segmentItem, type Segment, type Zone } from '../../core/text/segments.js';

/** What one sentence of an item says, in the story's terms. */
export interface SegmentSignals extends Segment {
  /** Entity ids found, in order of first mention. */
  entities: string[];
  /** Sides with evidence in this sentence. */
  sides: Set<string>;
  events: Set<EventKind>;
  nearMisses: Set<string>;
  /** Calendar years the sentence mentions (Persian solar years converted). */
  years: number[];
}

/** An item read against a story, sentence by sentence. */
export interface Analysis {
  story: CompiledStory;
  segments: SegmentSignals[];
  /** Labels of the entities and near misses found, by id. */
  labels: Map<string, string>;
  /** The item's language, for reading its dates. */
  lang: string;
}

const YEAR = /\b(1[34]\d\d|19\d\d|20\d\d)\b/g;

/** Years written in a folded text; 13xx–14xx are read as Persian solar years (each spans two Gregorian years). */
function yearsIn(folded: string): number[] {
  const years: number[] = [];
  for (const m of folded.matchAll(YEAR)) {
    const y = Number(m[1]);
    if (y >= 1900) years.push(y);
    else if (y >= 1380 && y <= 1420) years.push(y + 621, y + 622);
  }
  return years;
}

/** A sentence of an item folded and cut into words, with the years it mentions: what every story reads of it alike. */
interface ReadySegment {
  segment: Segment;
  text: FoldedText;
  years: number[];
}

/** An item's title and text cut into sentences and folded once, to be read against each story ({@link readyText}). */
export interface ReadyText {
  segments: ReadySegment[];
}

/** Cuts and folds an item's title and text for {@link analyze}: done once per item when it is read against several stories. */
export function readyText(title: string, text: string): ReadyText {
  return {
    segments: segmentItem(title, text).map((segment) => {
      const folded = foldText(segment.text);
      return { segment, text: foldedText(folded), years: yearsIn(folded) };
    }),
  };
}

function readSegment(index: PhraseIndex<Signal>, ready: ReadySegment, labels: Map<string, string>): SegmentSignals {
  const signals: SegmentSignals = { ...ready.segment, entities: [], sides: new Set(), events: new Set(), nearMisses: new Set(), years: [...ready.years] };
  for (const { payload } of index.find(ready.text)) record(signals, payload, labels);
  return signals;
}

function record(signals: SegmentSignals, signal: Signal, labels: Map<string, string>): void {
  if (signal.type === 'event') {
    signals.events.add(signal.kind);
    return;
  }
  labels.set(signal.id, signal.label);
  if (signal.type === 'nearMiss') signals.nearMisses.add(signal.id);
  else {
    if (!signals.entities.includes(signal.id)) signals.entities.push(signal.id);
    for (const side of signal.sides) signals.sides.add(side);
  }
}

/**
 * Reads an item's title and clean text against a story: entities, sides, event kinds, near misses
 * and years per sentence. `ready` is the same title and text already cut by {@link readyText}.
 */
export function analyze(story: CompiledStory, title: string, text: string, lang: string, ready: ReadyText = readyText(title, text)): Analysis {
  const labels = new Map<string, string>();
  const index = story.indexFor(lang);
  const segments = ready.segments.map((segment) => readSegment(index, segment, labels));
  return { story, segments: leadAfterChrome(segments), labels, lang };
}

/** Whether a sentence says anything in the story's terms. */
export const speaks = (s: SegmentSignals): boolean => s.sides.size > 0 || s.events.size > 0 || s.nearMisses.size > 0;

/**
 * Lead sentences that say nothing in the story's terms (a QR-code prompt, a machine-translation
 * notice, a section page's first teaser) were page chrome: they give their place in the lead to
 * the next sentences that do speak, as many as they were.
 */
function leadAfterChrome(segments: SegmentSignals[]): SegmentSignals[] {
  const silent = segments.filter((s) => s.zone === 'lead' && !speaks(s)).length;
  if (silent === 0) return segments;
  let promote = silent;
  return segments.map((s) => {
    if (s.zone === 'lead' && !speaks(s)) return { ...s, zone: 'body' };
    if (s.zone === 'body' && promote > 0 && speaks(s)) {
      promote -= 1;
      return { ...s, zone: 'lead' };
    }
    return s;
  });
}

/** The segments of the given zones. */
export function inZones(analysis: Analysis, zones: readonly Zone[]): SegmentSignals[] {
  return analysis.segments.filter((s) => zones.includes(s.zone));
}
