import type { Pool, PoolClient } from 'pg';
import type { Alert, Development, TimelineEntry, TimelinePlan, TimelineUpdate } from '../../core/development.js';
import { parseRow } from '../rows/rows.js';
import { alertRow, assembleDevelopments, developmentDayRow, timelineEntryRow } from '../rows/timeline-rows.js';
import { inTransaction, pgText } from './pg-pool.js';

const sql = {
  /** Serializes timeline updates of one story across every worker, until the transaction ends. */
  lockStory: "SELECT pg_advisory_xact_lock(hashtext('storywatch:timeline:' || $1::text))",
  developments: 'SELECT * FROM developments WHERE story_id = $1 ORDER BY date, id',
  days: 'SELECT date FROM developments WHERE story_id = $1 ORDER BY date, id',
  entries: `SELECT d.*, i.published_at AS first_published_at, i.key AS first_key FROM developments d
            LEFT JOIN items i ON i.id = d.first_item_id WHERE d.story_id = $1 ORDER BY d.date, d.id`,
  revise: `UPDATE developments SET kind = $3, kinds = $4, date = $5, actors = $6, label = $7, summary = $8, summary_lang = $9,
             first_item_id = $10 WHERE id = $1 AND story_id = $2`,
  sources: `SELECT s.development_id, s.item_id, s.lang FROM development_sources s JOIN developments d ON d.id = s.development_id
            JOIN items i ON i.id = s.item_id WHERE d.story_id = $1 ORDER BY i.published_at IS NULL, i.published_at, s.item_id`,
  developmentsById: 'SELECT * FROM developments WHERE id = ANY($1::bigint[]) ORDER BY date, id',
  sourcesById: `SELECT s.development_id, s.item_id, s.lang FROM development_sources s JOIN items i ON i.id = s.item_id
                WHERE s.development_id = ANY($1::bigint[])
                ORDER BY i.published_at IS NULL, i.published_at, s.item_id`,
  insertDevelopment: `INSERT INTO developments (story_id, kind, kinds, date, actors, label, summary, summary_lang, first_item_id, created_at)
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
  addSources: `INSERT INTO development_sources (development_id, item_id, lang, added_at)
               SELECT d, $2, $3, $4 FROM unnest($1::bigint[]) WITH ORDINALITY AS t(d, ord) ORDER BY ord
               ON CONFLICT DO NOTHING`,
  insertAlert: `INSERT INTO alerts (story_id, item_id, developments, context, created_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (story_id, item_id) DO NOTHING RETURNING id`,
  alerts: 'SELECT * FROM alerts WHERE story_id = $1 ORDER BY id',
  enqueueAlert: `INSERT INTO outbox (subscription_id, kind, key, alert_id, next_attempt_at, created_at)
                 SELECT id, 'alert', 'alert:' || $1::bigint || ':' || id, $1, $3, $3 FROM subscriptions
                 WHERE story_id = $2 AND status = 'active' AND alerts = 1
                 ORDER BY id
                 ON CONFLICT DO NOTHING`,
  markForEdit: `UPDATE outbox SET needs_update = 1 WHERE kind = 'alert' AND status = 'sent' AND alert_id IN
                  (SELECT a.id FROM alerts a WHERE a.story_id = $1 AND EXISTS
                     (SELECT 1 FROM json_array_elements_text(a.developments::json) j WHERE j.value::bigint = ANY($2::bigint[])))`,
};

/** The timeline part of the PostgreSQL store: developments, their sources, alerts. */
export class PostgresTimeline {
  /** Works on the store's pool. */
  constructor(private readonly pool: Pool) {}

  /** A story's developments in date order, with their sources and languages. */
  /** The days of a story's developments, in date order. */
  async developmentDays(storyId: string): Promise<string[]> {
    const { rows } = await this.pool.query(sql.days, [storyId]);
    return rows.map((row) => parseRow(developmentDayRow, 'developments', row));
  }

  async listDevelopments(storyId: string): Promise<Development[]> {
    const [developments, sources] = await Promise.all([this.pool.query(sql.developments, [storyId]), this.pool.query(sql.sources, [storyId])]);
    return assembleDevelopments(developments.rows, sources.rows);
  }

  /**
   * Adds an item to a story's timeline in one transaction that first takes the story's advisory
   * lock: two workers reporting the same new development one after the other, never both on the
   * same old timeline, so it is created once and alerted once.
   */
  async updateTimeline(storyId: string, item: { id: number; lang: string }, at: Date, plan: (timeline: TimelineEntry[]) => TimelinePlan, alert: boolean): Promise<TimelineUpdate> {
    return inTransaction(this.pool, async (client) => {
      await client.query(sql.lockStory, [storyId]);
      const entries = (await client.query(sql.entries, [storyId])).rows.map((raw) => parseRow(timelineEntryRow, 'developments', raw));
      const decided = plan(entries);
      const createdIds = await this.insertDevelopments(client, item.id, at, decided);
      const revisedIds: number[] = [];
      for (const { id, development: d } of decided.revise ?? []) {
        await client.query(sql.revise, [id, storyId, d.kind, JSON.stringify(d.kinds), d.date, JSON.stringify(d.actors), pgText(d.label), pgText(d.summary), d.summaryLang, item.id]);
        revisedIds.push(id);
      }
      const known = [...decided.attach, ...revisedIds];
      const touched = [...createdIds, ...known];
      if (touched.length > 0) await client.query(sql.addSources, [touched, item.id, item.lang, at.getTime()]);
      let alertId: number | null = null;
      if (alert && createdIds.length > 0) {
        const { rows } = await client.query<{ id: number }>(sql.insertAlert, [
          storyId, item.id, JSON.stringify(createdIds), JSON.stringify(known), at.getTime(),
        ]);
        alertId = rows[0]?.id ?? null;
        if (alertId !== null) await client.query(sql.enqueueAlert, [alertId, storyId, at.getTime()]);
      }
      if (known.length > 0) await client.query(sql.markForEdit, [storyId, known]);
      return {
        created: await this.developmentsById(client, createdIds),
        attached: entries.filter((d) => decided.attach.includes(d.id)),
        revised: await this.developmentsById(client, revisedIds),
        alertId,
      };
    });
  }

  private async developmentsById(client: PoolClient, ids: number[]): Promise<Development[]> {
    return assembleDevelopments((await client.query(sql.developmentsById, [ids])).rows, (await client.query(sql.sourcesById, [ids])).rows);
  }

  /** A story's alerts, oldest first. */
  async listAlerts(storyId: string): Promise<Alert[]> {
    return (await this.pool.query(sql.alerts, [storyId])).rows.map((raw) => parseRow(alertRow, 'alerts', raw));
  }

  private async insertDevelopments(client: PoolClient, itemId: number, at: Date, decided: TimelinePlan): Promise<number[]> {
    const ids: number[] = [];
    for (const d of decided.create) {
      const { rows } = await client.query<{ id: number }>(sql.insertDevelopment, [
        d.storyId, d.kind, JSON.stringify(d.kinds), d.date, JSON.stringify(d.actors), pgText(d.label), pgText(d.summary), d.summaryLang, itemId, at.getTime(),
      ]);
      const id = rows[0]?.id;
      if (id === undefined) throw new Error('STORE_INSERT_FAILED: a development was not stored.');
      ids.push(id);
    }
    return ids;
  }
}
