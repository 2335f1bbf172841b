import { createLogger } from '../core/logger.js';
import { processItem } from '../pipeline/process-item.js';
import { storyTimeline, toEntry, type TimelineEntry } from '../queries/timeline.js';
import { withScratchStore } from './scratch-store.js';
import { inputItems, openStory } from './story-input.js';
import type { GlobalOptions } from './with-app.js';

/** Options of `storywatch replay`. */
export interface ReplayOptions {
  story?: string;
  input: string;
}

/** `storywatch replay`: items in file order through match and detection, in a fresh temporary store; prints the alerts and the timeline as JSON. */
export async function replayInput(options: ReplayOptions, globals: GlobalOptions): Promise<void> {
  const story = openStory(globals, options.story);
  if (!story) return;
  const log = createLogger(globals.logLevel ?? 'warn');
  await withScratchStore('replay', async (store, feedId) => {
    const names = new Map<number, string>();
    const alerts: { item: string; developments: Pick<TimelineEntry, 'id' | 'date' | 'kind' | 'actors' | 'summary'>[] }[] = [];
    // The whole file in one transaction: the store is this run's own, and a commit per item was a tenth of the CPU.
    await store.transaction(async (tx) => {
      for await (const { line, item } of inputItems(options.input)) {
        const { stored, detections } = await processItem(item, feedId, [story], { store: tx, log, now: new Date() });
        if (stored) names.set(stored.id, line.id);
        for (const detection of detections.filter((d) => d.alertId !== null)) {
          const entries = detection.created.map((d) => toEntry(story.config, d, (id) => names.get(id) ?? String(id)));
          alerts.push({ item: line.id, developments: entries.map(({ id, date, kind, actors, summary }) => ({ id, date, kind, actors, summary })) });
        }
      }
    });
    const timeline = await storyTimeline(store, story.config, (id) => names.get(id) ?? String(id));
    process.stdout.write(`${JSON.stringify({ alerts, timeline: timeline.map(({ summaryLang: _, ...rest }) => rest) }, null, 2)}\n`);
  });
}
