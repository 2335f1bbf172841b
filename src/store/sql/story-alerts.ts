import type { Sql } from './schema.js';

/** An alert of a story as the edit and thread queries need it: its item and the developments it announced. */
export interface StoryAlert {
  id: number;
  itemId: number;
  developments: number[];
}

/**
 * A story's alerts (the JSON list of developments read here: the JSON functions differ per backend).
 * In an exclusive transaction they are read once and kept in the story's view until it changes.
 */
export async function storyAlerts(ctx: Sql, storyId: string): Promise<StoryAlert[]> {
  const view = ctx.timelines?.get(storyId);
  if (view?.alerts) return view.alerts;
  const rows = await ctx.db.selectFrom('alerts').select(['id', 'itemId', 'developments']).where('storyId', '=', storyId).execute();
  const alerts = rows.map((r) => ({
    id: r.id,
    itemId: r.itemId,
    developments: (typeof r.developments === 'string' ? (JSON.parse(r.developments) as unknown[]) : (r.developments as unknown[])).map(Number),
  }));
  ctx.timelines?.set(storyId, { ...view, alerts });
  return alerts;
}

/**
 * Whether an alert of the story may have outbox rows: only a subscription to the story gets them,
 * so a story nobody ever subscribed to has none. Read once per exclusive transaction (its view is
 * dropped when a subscription to the story is added); outside one, always true (nothing is skipped).
 */
export async function storyMayHaveDeliveries(ctx: Sql, storyId: string): Promise<boolean> {
  if (!ctx.timelines) return true;
  const view = ctx.timelines.get(storyId);
  if (view?.subscribed !== undefined) return view.subscribed;
  const subscribed = (await ctx.db.selectFrom('subscriptions').select('id').where('storyId', '=', storyId).limit(1).execute()).length > 0;
  ctx.timelines.set(storyId, { ...view, subscribed });
  return subscribed;
}
