import type { EventKind } from '../../core/event-kinds.js';
import { kindRule, type Taxonomy } from '../../taxonomy/taxonomy.js';
import { inZones, type Analysis, type SegmentSignals } from './analyze.js';
import type { Zone } from './segments.js';
import { afterActivePeriod, storyDaysReferenced, type StoryContext } from './follow-up.js';
import { focusDates, inWindow, instantInWindow } from './window.js';

/** A matcher's decision on one item, with the signals that made it. */
export interface MatchResult {
  matched: boolean;
  /** 0–1; the item matches from the story's threshold up. */
  score: number;
  /** The signals that fired, in words: "sides: Kenya (title), Somalia (lead)", "event: military strike (title)". */
  reasons: string[];
}

/**
 * Weights of the signals. Every side of the story named in the title or lead is the backbone;
 * sides only in the body are background. Tuned with `storywatch eval` on labeled sets.
 */
export const WEIGHTS = {
  allSidesInFocus: 0.4,
  sideOnlyInBody: 0.1,
  storyEntityInFocus: 0.1,
  togetherInFocus: 0.1,
  togetherWithCoreEvent: 0.15,
  togetherWithOtherEvent: 0.05,
  togetherInHeadlineWithEvent: 0.15,
  coreEventInFocus: 0.15,
  otherEventInFocus: 0.05,
  eventInBody: 0.03,
  inWindow: 0.15,
  outsideWindow: -1,
  followUp: 0,
  otherYearsOnly: -0.4,
  otherDatesOnly: -0.4,
  togetherInBody: 0.05,
  nearMissInTitle: -0.3,
  nearMissInLead: -0.15,
  outOfOffice: -0.3,
} as const;

const FOCUS: readonly Zone[] = ['title', 'lead'];
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The zone where a side is first named: title, lead or body, or null when it is absent. */
function sideZone(segments: SegmentSignals[], side: string): Zone | null {
  const zones = segments.filter((s) => s.sides.has(side)).map((s) => s.zone);
  return zones.includes('title') ? 'title' : zones.includes('lead') ? 'lead' : (zones[0] ?? null);
}

/** Labels of the entities found that stand for a side (core entities stand for every side); null: entities of no side. */
function entityLabels(analysis: Analysis, segments: SegmentSignals[], side: string | null): string[] {
  const story = analysis.story.config.entities;
  const ids = new Set(segments.flatMap((s) => s.entities));
  const stands = (e: (typeof story)[number]): boolean => (side === null ? !e.side && !e.core : e.core || e.side === side);
  return story.filter((e) => ids.has(e.id) && stands(e)).map((e) => e.label);
}

const labels = (taxonomy: Taxonomy, list: EventKind[]): string => list.map((k) => kindRule(taxonomy, k).label).join(', ');

function kinds(segments: SegmentSignals[]): EventKind[] {
  return [...new Set(segments.flatMap((s) => [...s.events]))];
}

/**
 * People named in the title or lead whose term of office lies outside the story's period: in an
 * undated item they say the item is about another period. Returns the penalty and adds its reason.
 */
function outOfOffice(analysis: Analysis, reasons: string[]): number {
  const { outOfPeriod } = analysis.story;
  if (outOfPeriod.size === 0) return 0;
  const named = [...new Set(inZones(analysis, FOCUS).flatMap((s) => s.entities))].filter((id) => outOfPeriod.has(id));
  if (named.length === 0) return 0;
  reasons.push(`out of office in the story's period: ${named.map((id) => `${analysis.labels.get(id) ?? id}, in office ${outOfPeriod.get(id)}`).join('; ')}`);
  return WEIGHTS.outOfOffice;
}

/**
 * Scores an analysed item against its story and explains the score. `context` (the timeline's
 * development days) lets an item after the story's active period tie back to it.
 */
export function scoreAnalysis(analysis: Analysis, published: Date | null, context?: StoryContext): MatchResult {
  const { story, segments } = analysis;
  const focus = inZones(analysis, FOCUS);
  const body = inZones(analysis, ['body']);
  const reasons: string[] = [];
  let score = 0;
  let headlineDevelopment = false;
  /** Both sides together in the title or lead with a development kind of the story. */
  let togetherWithKind = false;

  const zones = story.sides.map((side) => ({ side, zone: sideZone(segments, side.id) }));
  const sideText = zones.map(({ side, zone }) => `${side.label} (${zone ?? 'absent'}${zone ? `: ${entityLabels(analysis, segments, side.id).join(', ')}` : ''})`);
  reasons.push(`sides: ${sideText.join('; ')}`);
  const present = zones.every((z) => z.zone !== null);
  if (present) {
    const allInFocus = zones.every((z) => z.zone !== 'body');
    score += allInFocus ? WEIGHTS.allSidesInFocus : WEIGHTS.sideOnlyInBody;
    if (!allInFocus) reasons.push(`background only: ${zones.filter((z) => z.zone === 'body').map((z) => z.side.label).join(', ')} named in the body alone`);

    const groups = entityLabels(analysis, focus, null);
    if (groups.length > 0) {
      score += WEIGHTS.storyEntityInFocus;
      reasons.push(`story entity: ${groups.join(', ')}`);
    }
    const together = (s: SegmentSignals): boolean => story.sides.every((side) => s.sides.has(side.id));
    const jointFocus = focus.filter(together);
    if (jointFocus.length > 0) {
      score += WEIGHTS.togetherInFocus;
      const jointKinds = kinds(jointFocus);
      const core = jointKinds.some((k) => story.coreKinds.has(k));
      // Both sides in the headline with any development kind of the story: the headline is about the two of them.
      // A near miss in the title or lead says which other business of theirs it is.
      const nearMissInFocus = focus.some((s) => s.nearMisses.size > 0);
      headlineDevelopment = !core && !nearMissInFocus && jointKinds.length > 0 && jointFocus.some((s) => s.zone === 'title');
      togetherWithKind = jointKinds.length > 0;
      if (jointKinds.length > 0) score += core ? WEIGHTS.togetherWithCoreEvent : headlineDevelopment ? WEIGHTS.togetherInHeadlineWithEvent : WEIGHTS.togetherWithOtherEvent;
      reasons.push(`together in the ${jointFocus[0]?.zone}${jointKinds.length > 0 ? `, with ${labels(story.taxonomy, jointKinds)}` : ''}`);
    } else if (body.some(together)) {
      score += WEIGHTS.togetherInBody;
      reasons.push('together in the body');
    }
  }

  const focusKinds = kinds(focus);
  const bodyKinds = kinds(body).filter((k) => !focusKinds.includes(k));
  if (focusKinds.length > 0) {
    const core = focusKinds.filter((k) => story.coreKinds.has(k));
    score += core.length > 0 || headlineDevelopment ? WEIGHTS.coreEventInFocus : WEIGHTS.otherEventInFocus;
    reasons.push(`event: ${labels(story.taxonomy, focusKinds)}${core.length > 0 ? '' : headlineDevelopment ? ' (both sides in the headline)' : ' (not a core kind)'}`);
  } else if (bodyKinds.length > 0) {
    score += WEIGHTS.eventInBody;
    reasons.push(`event in the body: ${labels(story.taxonomy, bodyKinds)}`);
  } else reasons.push('no event cue');

  const { from, to } = story.window;
  if (published === null) {
    reasons.push('undated');
    // Only days written out count: a relative phrase ("yesterday", "two days later") has no anchor here.
    const written = focusDates(analysis).filter((d) => d.kind === 'explicit' && d.month !== null && d.day !== null);
    if (written.length > 0 && !written.some((d) => inWindow(story, d))) {
      score += WEIGHTS.otherDatesOnly;
      reasons.push(`mentions dates outside the window: ${[...new Set(written.map((d) => d.text))].join(', ')}`);
    }
  }
  else if (published.getTime() >= from && afterActivePeriod(story, published.getTime(), context)) {
    // After the window (or a quiet period) only a follow-up that ties back to the story matches.
    const refs = togetherWithKind ? storyDaysReferenced(story, analysis, published, context) : [];
    if (refs.length > 0) {
      score += WEIGHTS.followUp;
      reasons.push(`follow-up after the story's period (${day(published.getTime())}): refers to ${refs.join(', ')}`);
    } else {
      score += WEIGHTS.outsideWindow;
      reasons.push(`after the story's period (${day(published.getTime())}), no tie back: both sides together in the title or lead, a development kind and a day of the story`);
    }
  } else if (instantInWindow(story, published.getTime())) {
    score += WEIGHTS.inWindow;
    reasons.push(`in window (${day(published.getTime())})`);
  } else {
    score += WEIGHTS.outsideWindow;
    reasons.push(`outside window: ${day(published.getTime())} not in ${day(from)}…${to === null ? '' : day(to - 86_400_000)}`);
  }

  const years = [...new Set(focus.flatMap((s) => s.years))];
  if (published === null && years.length > 0 && !years.some((y) => story.windowYears.has(y))) {
    score += WEIGHTS.otherYearsOnly;
    reasons.push(`mentions other years: ${years.filter((y) => y >= 1900).join(', ')}`);
  }

  const nearTitle = new Set(segments.filter((s) => s.zone === 'title').flatMap((s) => [...s.nearMisses]));
  const nearLead = new Set(focus.flatMap((s) => [...s.nearMisses]).filter((id) => !nearTitle.has(id)));
  if (nearTitle.size > 0) score += WEIGHTS.nearMissInTitle;
  else if (nearLead.size > 0) score += WEIGHTS.nearMissInLead;
  const near = [...nearTitle, ...nearLead].map((id) => analysis.labels.get(id) ?? id);
  if (near.length > 0) reasons.push(`near miss: ${near.join(', ')} (${nearTitle.size > 0 ? 'title' : 'lead'})`);

  if (published === null) score += outOfOffice(analysis, reasons);

  const final = Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
  const matched = present && final >= story.config.threshold;
  reasons.push(`score ${final.toFixed(3)} ${matched ? '≥' : '<'} threshold ${story.config.threshold}`);
  return { matched, score: final, reasons };
}
