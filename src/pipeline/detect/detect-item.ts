import type { TimelineUpdate } from '../../core/development.js';
import type { Logger } from '../../core/logger.js';
import type { Store } from '../../store/ports.js';
import type { StoryMatch } from '../match/match-item.js';
import { linkDay } from '../dates/link-date.js';
import { datelineDay } from '../match/window.js';
import { extractCandidates, guessesInActivePeriod } from './extract.js';
import { planTimeline } from './reconcile.js';
import { updateTimeline } from './update-timeline.js';

/** A matched item's effect on its story's timeline. */
export interface Detection extends TimelineUpdate {
  match: StoryMatch;
}

/**
 * Reads the developments a matched item reports and merges them into the story's timeline: new
 * ones are created (and alerted when `alert` is set), known ones gain the item as a source.
 */
export async function detectDevelopments(match: StoryMatch, deps: { store: Store; log: Logger; now: Date }, alert: boolean): Promise<Detection> {
  const { analysis } = match.match;
  const story = analysis.story;
  // An item without a publication date is dated by the day its address gives, as the matcher dates
  // it, or else by its dateline.
  const candidates = extractCandidates(analysis, match.item.published ?? linkDay(match.item.link) ?? datelineDay(story, analysis));
  const sideLabels = new Map(story.sides.map((s) => [s.id, s.label]));
  const update = await updateTimeline(
    deps.store,
    story.config.id,
    { id: match.item.id, lang: match.item.lang },
    deps.now,
    (timeline) =>
      planTimeline(
        story.config.id,
        timeline,
        guessesInActivePeriod(
          candidates,
          timeline.map((d) => d.date),
          story.config.quietAfterDays,
        ),
        match.item,
        sideLabels,
        story.taxonomy,
      ),
    alert,
  );
  if (update.revised.length > 0) {
    deps.log.info(
      { story: story.config.id, item: match.item.key, developments: update.revised.map((d) => `${d.date} ${d.label}`) },
      'an earlier report revised developments',
    );
  }
  if (update.redated.length > 0) {
    deps.log.info(
      { story: story.config.id, item: match.item.key, developments: update.redated.map((d) => `${d.date} ${d.label}`) },
      'a written day re-dated developments',
    );
  }
  if (update.created.length > 0) {
    deps.log.info(
      { story: story.config.id, item: match.item.key, developments: update.created.map((d) => `${d.date} ${d.label}`), alert: update.alertId },
      'new development',
    );
  }
  return { ...update, match };
}
