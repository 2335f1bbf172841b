import path from 'node:path';
import type { EventKind } from '../../core/event-kinds.js';
import { kindRule, type Taxonomy } from '../../taxonomy/taxonomy.js';
import { inZones, type Analysis, type SegmentSignals } from './analyze.js';
import { afterActivePeriod, storyDaysReferenced, type StoryContext } from './follow-up.js';
import { datelineDates, focusDates, inLeadUp, inWindow, instantInWindow } from './window.js';
import { linkDate, type LinkDate } from '../dates/link-date.js';
import { VETOES, type Feature, type LearnedWeights } from '../../config/learned-weights.js';
import type { Zone } from '../../core/text/segments.js';

/** A matcher's decision on one item, with the signals that made it. */
export interface MatchResult {
  matched: boolean;
  /** 0–1; the item matches from the story's threshold up. */
  score: number;
  /** The signals that fired, in words: "sides: Kenya (title), Somalia (lead)", "event: military strike (title)". */
  reasons: string[];
}

/**
 * Hand-set weights of the signals, the default when a story has no learned weights file. Every
 * side of the story named in the title or lead is the backbone; sides only in the body are
 * background. Tuned with `storywatch eval` on labeled sets.
 */
export const WEIGHTS: Readonly<Record<Feature, number>> = {
  allSidesInFocus: 0.4,
  sideOnlyInBody: 0.1,
  oneSidedDevelopment: 0.5,
  storyEntityInFocus: 0.1,
  togetherInFocus: 0.1,
  togetherWithCoreEvent: 0.15,
  togetherWithOtherEvent: 0.05,
  togetherInHeadlineWithEvent: 0.15,
  coreEventInFocus: 0.15,
  otherEventInFocus: 0.05,
  eventInBody: 0.03,
  inWindow: 0.15,
  datesInWindow: 0.15,
  outsideWindow: -1,
  followUp: 0,
  otherYearsOnly: -0.4,
  otherDatesOnly: -0.4,
  togetherInBody: 0.05,
  nearMissInTitle: -0.3,
  nearMissInLead: -0.2,
  nearMissBesideStory: -0.1,
  outOfOffice: -0.3,
};

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

/** A reason line and the signals it stands for. */
interface Signal {
  text: string;
  features: Feature[];
}

/** The named signals of an item, computed once: what scoring weighs and the reasons explain. */
export interface ItemFeatures {
  /** The signals that fired, in the order they were found. */
  fired: Feature[];
  /** Reason lines, each with the signals it stands for. */
  signals: Signal[];
  /** Evidence for every side of the story: without it nothing matches. */
  present: boolean;
}

/**
 * The sentence that heads the item: the title, or, when the title names no side of the story
 * (no headline, a byline, page chrome such as "核心提要" or "Agencies:"), the lead's first sentence naming
 * every side, else its first naming one.
 */
function headlineSegment(segments: SegmentSignals[], sides: number): SegmentSignals | undefined {
  const naming = (zone: Zone): SegmentSignals | undefined => segments.find((s) => s.zone === zone && s.sides.size > 0);
  if (segments.some((s) => s.zone === 'title' && s.sides.size > 0)) return naming('title');
  // A photo caption naming one side ("illustration: the flag of …") may come first: a sentence naming every side is the headline.
  return segments.find((s) => s.zone === 'lead' && s.sides.size === sides) ?? naming('lead');
}

/** The ids of the entities named in some sentences, each once, in the order first named. */
const namedIn = (segments: SegmentSignals[]): string[] => [...new Set(segments.flatMap((s) => s.entities))];

/**
 * People named in the title or lead whose term of office lies outside the story's period: in an
 * undated item they say the item is about another period. Returns the reason, or null.
 */
function outOfOffice(analysis: Analysis): string | null {
  const { outOfPeriod } = analysis.story;
  if (outOfPeriod.size === 0) return null;
  const named = namedIn(inZones(analysis, FOCUS)).filter((id) => outOfPeriod.has(id));
  if (named.length === 0) return null;
  return `out of office in the story's period: ${named.map((id) => `${analysis.labels.get(id) ?? id}, in office ${outOfPeriod.get(id)}`).join('; ')}`;
}

/**
 * The instant an undated item's link dates it to: its day, or the start of its month when that month
 * begins after the window; else null (a month alone only places the item before, in or after the window).
 */
function linkedInstant(linked: LinkDate | null, month: { start: number } | null, to: number | null): Date | null {
  if (linked === null || month === null) return null;
  if (linked.day !== null) return new Date(Date.UTC(linked.year, linked.month - 1, linked.day));
  return to !== null && month.start >= to ? new Date(month.start) : null;
}

/** When an item appeared: the feed's date, and its link (many news sites write the day in the path). */
export interface ItemWhen {
  published: Date | null;
  link?: string | null;
}

/**
 * The named signals of an analysed item with their reason lines. An undated item whose link is
 * dated (`/2016/04/05/`) is judged by that date, as a dated item is. `context` (the timeline's
 * development days) lets an item after the story's active period tie back to it.
 */
export function itemFeatures(analysis: Analysis, item: ItemWhen, context?: StoryContext): ItemFeatures {
  const { story, segments } = analysis;
  const { published } = item;
  const focus = inZones(analysis, FOCUS);
  const body = inZones(analysis, ['body']);
  const signals: Signal[] = [];
  const fired: Feature[] = [];
  const say = (text: string, ...features: Feature[]): void => {
    signals.push({ text, features });
    fired.push(...features);
  };
  let headlineDevelopment = false;
  /** Both sides together in the title or lead with a development kind of the story. */
  let togetherWithKind = false;
  /** Of those kinds, the ones the story declares of its own (`events.define`): they name its developments alone. */
  let ownKinds: string[] = [];
  /** Both sides together in the headline (see headlineSegment). */
  let headlineTogether = false;
  /** Another country named in a sentence that also names both sides and a core kind: a list of the week's news. */
  let nearMissBesideStory = false;

  const together = (s: SegmentSignals): boolean => story.sides.every((side) => s.sides.has(side.id));
  const zones = story.sides.map((side) => ({ side, zone: sideZone(segments, side.id) }));
  const sideText = zones.map(
    ({ side, zone }) => `${side.label} (${zone ?? 'absent'}${zone ? `: ${entityLabels(analysis, segments, side.id).join(', ')}` : ''})`,
  );
  const present = zones.every((z) => z.zone !== null);
  const allInFocus = zones.every((z) => z.zone !== 'body');
  say(`sides: ${sideText.join('; ')}`, ...(present ? ([allInFocus ? 'allSidesInFocus' : 'sideOnlyInBody'] as const) : []));
  // A development of one side alone (a kind declared `oneSided`: a protest in its capital), told with
  // that side in the title or lead, stands in for the sides not named — in the story's window only.
  const oneSided = present ? [] : kinds(focus.filter((s) => s.sides.size > 0)).filter((k) => kindRule(story.taxonomy, k).oneSided);
  if (oneSided.length > 0) say(`one-sided development: ${labels(story.taxonomy, oneSided)} (no other side needed)`, 'oneSidedDevelopment');
  if (present) {
    if (!allInFocus)
      say(
        `background only: ${zones
          .filter((z) => z.zone === 'body')
          .map((z) => z.side.label)
          .join(', ')} named in the body alone`,
      );

    // Entities of no side, and people whose short term of office is the story's period, tie the item to it.
    const terms = namedIn(focus)
      .filter((id) => story.periodTerms.has(id))
      .map((id) => `${analysis.labels.get(id) ?? id}, in office only ${story.periodTerms.get(id)}`);
    const groups = [...entityLabels(analysis, focus, null), ...terms];
    if (groups.length > 0) say(`story entity: ${groups.join(', ')}`, 'storyEntityInFocus');
    const jointFocus = focus.filter(together);
    if (jointFocus.length > 0) {
      const jointKinds = kinds(jointFocus);
      const core = jointKinds.some((k) => story.coreKinds.has(k));
      // Both sides in the headline with any development kind of the story: the headline is about the two of them.
      // A near miss in the title or lead says which other business of theirs it is.
      const nearMissInFocus = focus.some((s) => s.nearMisses.size > 0);
      // Only another country or place (a near miss with countries) can be the week's other news in a list.
      const place = (id: string): boolean => (story.config.nearMisses.find((n) => n.id === id)?.countries?.length ?? 0) > 0;
      const headline = headlineSegment(segments, story.sides.length);
      const coreWithBoth = (s: SegmentSignals): boolean => jointFocus.includes(s) && kinds([s]).some((k) => story.coreKinds.has(k));
      // So is another country named in the lead under a headline that names both sides and a core kind
      // ("A strikes B" over "… after its strikes in C and D"); another business of the two
      // sides (an election, border incidents) still says which one it is.
      const focusNearMisses = [...new Set(focus.flatMap((s) => [...s.nearMisses]))];
      nearMissBesideStory =
        jointFocus.some((s) => [...s.nearMisses].some(place) && coreWithBoth(s)) ||
        (headline !== undefined && headline.zone === 'title' && coreWithBoth(headline) && focusNearMisses.length > 0 && focusNearMisses.every(place));
      headlineTogether = !nearMissInFocus && headline !== undefined && jointFocus.includes(headline);
      headlineDevelopment = !core && !nearMissInFocus && jointKinds.length > 0 && headline !== undefined && jointFocus.includes(headline);
      togetherWithKind = jointKinds.length > 0;
      ownKinds = jointKinds.filter((k) => story.config.events.define?.[k] !== undefined);
      const withKind: Feature[] =
        jointKinds.length === 0 ? [] : [core ? 'togetherWithCoreEvent' : headlineDevelopment ? 'togetherInHeadlineWithEvent' : 'togetherWithOtherEvent'];
      say(
        `together in the ${jointFocus[0]?.zone}${jointKinds.length > 0 ? `, with ${labels(story.taxonomy, jointKinds)}` : ''}`,
        'togetherInFocus',
        ...withKind,
      );
    } else if (body.some(together)) say('together in the body', 'togetherInBody');
  }

  const focusKinds = kinds(focus);
  const bodyKinds = kinds(body).filter((k) => !focusKinds.includes(k));
  if (focusKinds.length > 0) {
    const core = focusKinds.filter((k) => story.coreKinds.has(k));
    const strong = core.length > 0 || headlineDevelopment;
    say(
      `event: ${labels(story.taxonomy, focusKinds)}${core.length > 0 ? '' : headlineDevelopment ? ' (both sides in the headline)' : ' (not a core kind)'}`,
      strong ? 'coreEventInFocus' : 'otherEventInFocus',
    );
  } else if (bodyKinds.length > 0) say(`event in the body: ${labels(story.taxonomy, bodyKinds)}`, 'eventInBody');
  else if (headlineTogether && !story.hasCues(analysis.lang))
    // Without cue words in the item's language no kind can be read: the absence says nothing, and
    // both sides together in the headline stand for a development, as a headline with a kind would.
    say(`no cue words in "${analysis.lang}": both sides together in the headline stand for a development`, 'togetherInHeadlineWithEvent');
  else say('no event cue');

  const { from, to } = story.window;
  const window = `${day(from)}…${to === null ? '' : day(to - 86_400_000)}`;
  const linked = published === null ? linkDate(item.link) : null;
  const linkMonth = linked === null ? null : { start: Date.UTC(linked.year, linked.month - 1, 1), end: Date.UTC(linked.year, linked.month, 1) };
  const at = published ?? linkedInstant(linked, linkMonth, to);
  const by = published === null && linked !== null ? ` (its link is dated ${linked.text})` : '';
  const undated = published === null && linked === null;
  if (undated) {
    say('undated');
    // Only days written out count: a relative phrase ("yesterday", "two days later") has no anchor here.
    const written = [...focusDates(analysis), ...datelineDates(analysis)].filter((d) => d.kind === 'explicit' && d.month !== null && d.day !== null);
    // A day of the window written in the title or lead ("on January 29", "ce mercredi 20 septembre") places the item in it.
    const inside = written.filter((d) => inWindow(story, d));
    const list = (dates: typeof written): string => [...new Set(dates.map((d) => d.text))].join(', ');
    // A day of the lead-up just before the window (what set the story off) is neither evidence nor counter-evidence.
    const outside = written.filter((d) => !inWindow(story, d) && !inLeadUp(story, d, story.config.quietAfterDays));
    if (inside.length > 0) say(`mentions a day of the window: ${list(inside)}`, 'datesInWindow');
    else if (outside.length > 0) say(`mentions dates outside the window: ${list(outside)}`, 'otherDatesOnly');
  } else if (at === null && linkMonth !== null) {
    if (linkMonth.end <= from) say(`outside window: a month before ${window}${by}`, 'outsideWindow');
    else say(`in window: the month overlaps ${window}${by}`, 'inWindow');
  } else if (at !== null && at.getTime() >= from && afterActivePeriod(story, at.getTime(), context)) {
    // After the window (or a quiet period) only a follow-up that ties back to the story matches.
    // A day of the story ties it back, and so does a kind of development only this story has (the decree
    // dissolving its administration coming into force).
    const refs = togetherWithKind
      ? [...storyDaysReferenced(story, analysis, at, context), ...ownKinds.map((k) => `${kindRule(story.taxonomy, k).label} (a kind of this story's own)`)]
      : [];
    if (refs.length > 0) say(`follow-up after the story's period (${day(at.getTime())}${by}): refers to ${refs.join(', ')}`, 'followUp');
    else
      say(
        `after the story's period (${day(at.getTime())}${by}), no tie back: both sides together in the title or lead, a development kind and a day of the story (not on its anniversary), or a kind of its own`,
        'outsideWindow',
      );
  } else if (at !== null && instantInWindow(story, at.getTime())) say(`in window (${day(at.getTime())}${by})`, 'inWindow');
  else if (at !== null) say(`outside window: ${day(at.getTime())} not in ${window}${by}`, 'outsideWindow');

  // The years of the sentences that name every side: a year beside one person ("appointed in November
  // 2022") is background; one beside both sides says which period the item is about.
  const years = [...new Set(focus.filter(together).flatMap((s) => s.years))];
  if (undated && years.length > 0 && !years.some((y) => story.windowYears.has(y))) {
    say(`mentions other years: ${years.filter((y) => y >= 1900).join(', ')}`, 'otherYearsOnly');
  }

  const nearTitle = new Set(segments.filter((s) => s.zone === 'title').flatMap((s) => [...s.nearMisses]));
  const nearLead = new Set(focus.flatMap((s) => [...s.nearMisses]).filter((id) => !nearTitle.has(id)));
  const near = [...nearTitle, ...nearLead].map((id) => analysis.labels.get(id) ?? id);
  if (near.length > 0) {
    const where = nearTitle.size > 0 ? 'title' : 'lead';
    if (nearMissBesideStory) say(`near miss: ${near.join(', ')} (${where}, beside both sides and a core kind)`, 'nearMissBesideStory');
    else say(`near miss: ${near.join(', ')} (${where})`, nearTitle.size > 0 ? 'nearMissInTitle' : 'nearMissInLead');
  }

  const office = undated ? outOfOffice(analysis) : null;
  if (office !== null) say(office, 'outOfOffice');
  const ofWindow = fired.includes('inWindow') || fired.includes('datesInWindow');
  return { fired, signals, present: present || (oneSided.length > 0 && ofWindow) };
}

const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

/** The hand-set combination: the weights' sum, clamped to 0–1, against the story's threshold. */
function handSet(f: ItemFeatures, threshold: number): MatchResult {
  let score = 0;
  for (const feature of f.fired) score += WEIGHTS[feature];
  const final = Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
  const matched = f.present && final >= threshold;
  const reasons = f.signals.map((s) => s.text);
  reasons.push(`score ${final.toFixed(3)} ${matched ? '≥' : '<'} threshold ${threshold}`);
  return { matched, score: final, reasons };
}

/**
 * The learned combination: a logistic model over the signals, each reason line with its
 * contribution in log-odds; a hand-set veto (VETOES) keeps the item out whatever the weights say.
 */
function learned(f: ItemFeatures, w: LearnedWeights): MatchResult {
  const weight = (feature: Feature): number => w.weights[feature] ?? 0;
  const vetoed = f.fired.some((feature) => VETOES.includes(feature));
  const logit = f.fired.reduce((sum, feature) => (VETOES.includes(feature) ? sum : sum + weight(feature)), w.bias);
  const final = Math.round((1 / (1 + Math.exp(-logit))) * 1000) / 1000;
  const matched = f.present && !vetoed && final >= w.threshold;
  const reasons = f.signals.map(({ text, features }) => {
    if (features.length === 0) return text;
    if (features.some((feature) => VETOES.includes(feature))) return `${text} (veto)`;
    return `${text} (${signed(features.reduce((sum, feature) => sum + weight(feature), 0))})`;
  });
  const source = path.basename(w.file);
  reasons.push(`bias ${signed(w.bias)}`);
  reasons.push(`score ${final.toFixed(2)} ${matched ? '≥' : '<'} threshold ${w.threshold.toFixed(2)} (learned weights: ${source})`);
  return { matched, score: final, reasons };
}

/**
 * Scores an analysed item against its story and explains the score: with the story's learned
 * weights when it has a weights file, else with the hand-set WEIGHTS and the story's threshold.
 */
export function scoreAnalysis(analysis: Analysis, item: ItemWhen, context?: StoryContext): MatchResult {
  const features = itemFeatures(analysis, item, context);
  const { story } = analysis;
  return story.weights ? learned(features, story.weights) : handSet(features, story.config.threshold);
}
