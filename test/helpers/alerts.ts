import type { Store } from '../../src/store/ports.js';
import { updateTimeline } from '../../src/pipeline/detect/update-timeline.js';

/** The day of the n-th queued alert's development (0-based): 2024-02-01, 2024-02-02, … */
export function alertDay(n: number): string {
  return `2024-02-${String(n + 1).padStart(2, '0')}`;
}

/**
 * Records `count` alerts for `storyId`, one new development each (dated `alertDay(n)`), so every
 * active alert subscription of the story gets `count` outbox rows in that order. Uses the store's
 * own timeline transaction, as the pipeline does. Its feed is not due for a year (`run --once --due-only` leaves it).
 */
export async function queueAlerts(store: Store, storyId: string, count: number, at: Date): Promise<number[]> {
  // A feed that is never due (and on the discard port, should anything fetch it): only its items matter.
  const feed = await store.addFeed({ url: `http://127.0.0.1:9/alerts/${at.getTime()}`, name: 'Alerts', intervalSec: 600 }, at);
  if (!feed.ok) throw new Error(feed.error.message);
  const never = new Date(at.getTime() + 365 * 86_400_000);
  await store.recordFetch(feed.value.id, { at, status: 'ok', errorCode: null, error: null, errorCount: 0, nextCheckAt: never, baselineDone: true });
  const items = Array.from({ length: count }, (_, n) => ({
    key: `url:https://alerts.example/${at.getTime()}/${n}`,
    contentHash: `hash-${at.getTime()}-${n}`,
    guid: `alert-${n}`,
    link: `https://alerts.example/${at.getTime()}/${n}`,
    title: `Strike number ${n + 1}`,
    text: `Iran struck Pakistan again, the ${n + 1}th time.`,
    lang: 'en',
    langSource: 'declared' as const,
    published: new Date(`${alertDay(n)}T10:00:00Z`),
  }));
  const stored = await store.insertItems(feed.value.id, items, at);
  const alerts: number[] = [];
  for (const [n, item] of stored.entries()) {
    const development = {
      storyId,
      kind: 'military_strike' as const,
      kinds: ['military_strike' as const],
      date: alertDay(n),
      actors: ['iran', 'pakistan'],
      label: `military strike: Iran → Pakistan (${n + 1})`,
      summary: `Strike number ${n + 1}.`,
      summaryLang: 'en',
    };
    const up = await updateTimeline(store, storyId, { id: item.id, lang: 'en' }, at, () => ({ attach: [], create: [development] }), true);
    if (up.alertId === null) throw new Error(`no alert for item ${item.id}`);
    alerts.push(up.alertId);
  }
  await store.markProcessed(stored.map((i) => i.id));
  return alerts;
}
