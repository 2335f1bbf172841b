import type { TimelineEntry, TimelinePlan, TimelineUpdate } from '../../core/development.js';
import type { Store } from '../../store/ports.js';

/**
 * Adds an item to a story's timeline in one transaction: reads the timeline (holding other updates
 * of the story back), lets `plan` merge the item's candidates into it (a pure function), inserts the
 * new developments, applies the plan's revisions (the item becomes the first report of developments
 * first reported by a later-published item; `TimelineEntry` carries each first report's publication
 * key for this), gives developments dated by a publication day the day the item writes for them,
 * records the item as a source of every development it reports (with the sentence it reports it
 * with), and — when it brought
 * something new and `alert` is set — records an alert (once per story and item) with one outbox row
 * per active alert subscription of the story. Sent alerts of developments that gained a source or
 * were revised are marked for an edit, and in the channels that thread alerts the item is queued as
 * a reply in the thread of each such development's alert (decision 024).
 */
export function updateTimeline(
  store: Store,
  storyId: string,
  item: { id: number; lang: string },
  at: Date,
  plan: (timeline: TimelineEntry[]) => TimelinePlan,
  alert: boolean,
): Promise<TimelineUpdate> {
  return store.transaction(async (tx) => {
    await tx.lockStory(storyId);
    const entries = await tx.timelineEntries(storyId);
    const decided = plan(entries);
    const createdIds = await tx.createDevelopments(item, at, decided.create);
    const revisedIds: number[] = [];
    for (const { id, development } of decided.revise ?? []) {
      await tx.reviseDevelopment(storyId, id, item, development);
      revisedIds.push(id);
    }
    const redated = (decided.redate ?? []).map((r) => r.id);
    for (const { id, date } of decided.redate ?? []) await tx.redateDevelopment(storyId, id, date);
    const known = [...decided.attach, ...revisedIds];
    const quotes: Record<number, string> = { ...decided.quotes };
    decided.create.forEach((d, i) => (quotes[createdIds[i] as number] = d.summary));
    for (const { id, development } of decided.revise ?? []) quotes[id] = development.summary;
    await tx.addSources([...createdIds, ...known], item, at, quotes);
    let alertId: number | null = null;
    if (alert && createdIds.length > 0) {
      alertId = await tx.recordAlert(storyId, item.id, createdIds, known, at);
      if (alertId !== null) await tx.enqueueAlert(alertId, storyId, at);
    }
    await tx.markAlertsForEdit(storyId, known);
    await tx.enqueueThreadReplies(storyId, known, item.id, at);
    return {
      created: await tx.developmentsById(createdIds),
      attached: entries.filter((d) => decided.attach.includes(d.id) && !redated.includes(d.id)),
      revised: await tx.developmentsById(revisedIds),
      redated: await tx.developmentsById(redated),
      alertId,
    };
  });
}
