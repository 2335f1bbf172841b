import type { EventKind } from '../../core/event-kinds.js';
import type { CompiledStory, Signal } from './compile-story.js';
import type { PhraseIndex } from './phrase-index.js';
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

function readSegment(index: PhraseIndex<Signal>, segment: Segment, labels: Map<string, string>): SegmentSignals {
  const folded = foldText(segment.text);
  const signals: SegmentSignals = { ...segment, entities: [], sides: new Set(), events: new Set(), nearMisses: new Set(), years: yearsIn(folded) };
  for (const { payload } of index.find(folded)) record(signals, payload, labels);
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

/** Reads an item's title and clean text against a story: entities, sides, event kinds, near misses and years per sentence. */
export function analyze(story: CompiledStory, title: string, text: string, lang: string): Analysis {
  const labels = new Map<string, string>();
  const index = story.indexFor(lang);
  const segments = segmentItem(title, text).map((segment) => readSegment(index, segment, labels));
  return { story, segments: leadAfterChrome(segments), labels, lang };
}

/** Whether a sentence says anything in the story's terms. */
const speaks = (s: SegmentSignals): boolean => s.sides.size > 0 || s.events.size > 0 || s.nearMisses.size > 0;

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
