import type { Database as Connection } from 'better-sqlite3';
import type { Alert, Development, TimelineEntry, TimelinePlan, TimelineUpdate } from '../../core/development.js';
import { parseRow } from '../rows/rows.js';
import { alertRow, assembleDevelopments, developmentDayRow, timelineEntryRow } from '../rows/timeline-rows.js';

/** The timeline part of the SQLite store: developments, their sources, alerts. */
export class SqliteTimeline {
  private readonly sql;

  constructor(private readonly db: Connection) {
    const prepare = (source: string) => db.prepare<unknown[], unknown>(source);
    this.sql = {
      developments: prepare('SELECT * FROM developments WHERE story_id = ? ORDER BY date, id'),
      days: prepare('SELECT date FROM developments WHERE story_id = ? ORDER BY date, id'),
      entries: prepare(
        `SELECT d.*, i.published_at AS first_published_at, i.key AS first_key FROM developments d
         LEFT JOIN items i ON i.id = d.first_item_id WHERE d.story_id = ? ORDER BY d.date, d.id`,
      ),
      sources: prepare(
        `SELECT s.development_id, s.item_id, s.lang FROM development_sources s JOIN developments d ON d.id = s.development_id
         JOIN items i ON i.id = s.item_id
         WHERE d.story_id = ? ORDER BY i.published_at IS NULL, i.published_at, s.item_id`,
      ),
      developmentsById: prepare('SELECT * FROM developments WHERE id IN (SELECT value FROM json_each(?)) ORDER BY date, id'),
      sourcesById: prepare(
        `SELECT s.development_id, s.item_id, s.lang FROM development_sources s JOIN items i ON i.id = s.item_id
         WHERE s.development_id IN (SELECT value FROM json_each(?))
         ORDER BY i.published_at IS NULL, i.published_at, s.item_id`,
      ),
      insertDevelopment: prepare(
        `INSERT INTO developments (story_id, kind, kinds, date, actors, label, summary, summary_lang, first_item_id, created_at)
         VALUES (@storyId, @kind, @kinds, @date, @actors, @label, @summary, @summaryLang, @itemId, @at) RETURNING id`,
      ),
      revise: prepare(
        `UPDATE developments SET kind = @kind, kinds = @kinds, date = @date, actors = @actors, label = @label,
           summary = @summary, summary_lang = @summaryLang, first_item_id = @itemId WHERE id = @id AND story_id = @storyId`,
      ),
      addSource: prepare(
        `INSERT INTO development_sources (development_id, item_id, lang, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ),
      insertAlert: prepare(
        `INSERT INTO alerts (story_id, item_id, developments, context, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (story_id, item_id) DO NOTHING RETURNING id`,
      ),
      alerts: prepare('SELECT * FROM alerts WHERE story_id = ? ORDER BY id'),
      enqueueAlert: prepare(
        `INSERT INTO outbox (subscription_id, kind, key, alert_id, next_attempt_at, created_at)
         SELECT id, 'alert', 'alert:' || @alertId || ':' || id, @alertId, @at, @at FROM subscriptions
         WHERE story_id = @storyId AND status = 'active' AND alerts = 1
         ON CONFLICT DO NOTHING`,
      ),
      markForEdit: prepare(
        `UPDATE outbox SET needs_update = 1 WHERE kind = 'alert' AND status = 'sent' AND alert_id IN
           (SELECT a.id FROM alerts a, json_each(a.developments) j WHERE a.story_id = ? AND j.value = ?)`,
      ),
    };
  }

  listDevelopments(storyId: string): Development[] {
    return assembleDevelopments(this.sql.developments.all(storyId), this.sql.sources.all(storyId));
  }

  /** The days of a story's developments, in date order. */
  developmentDays(storyId: string): string[] {
    return this.sql.days.all(storyId).map((row) => parseRow(developmentDayRow, 'developments', row));
  }

  /** Some developments, with their sources. */
  private developmentsById(ids: number[]): Development[] {
    const list = JSON.stringify(ids);
    return assembleDevelopments(this.sql.developmentsById.all(list), this.sql.sourcesById.all(list));
  }

  updateTimeline(storyId: string, item: { id: number; lang: string }, at: Date, plan: (timeline: TimelineEntry[]) => TimelinePlan, alert: boolean): TimelineUpdate {
    const run = this.db.transaction((): TimelineUpdate => {
      const entries = this.sql.entries.all(storyId).map((raw) => parseRow(timelineEntryRow, 'developments', raw));
      const decided = plan(entries);
      const createdIds = decided.create.map((d) => {
        const row = this.sql.insertDevelopment.get({
          ...d, kinds: JSON.stringify(d.kinds), actors: JSON.stringify(d.actors), itemId: item.id, at: at.getTime(),
        }) as { id: number };
        return row.id;
      });
      const revisedIds = (decided.revise ?? []).map(({ id, development: d }) => {
        this.sql.revise.run({ ...d, id, kinds: JSON.stringify(d.kinds), actors: JSON.stringify(d.actors), itemId: item.id });
        return id;
      });
      const known = [...decided.attach, ...revisedIds];
      for (const id of [...createdIds, ...known]) this.sql.addSource.run(id, item.id, item.lang, at.getTime());
      let alertId: number | null = null;
      if (alert && createdIds.length > 0) {
        const row = this.sql.insertAlert.get(storyId, item.id, JSON.stringify(createdIds), JSON.stringify(known), at.getTime()) as { id: number } | undefined;
        alertId = row?.id ?? null;
        if (alertId !== null) this.sql.enqueueAlert.run({ alertId, storyId, at: at.getTime() });
      }
      for (const id of known) this.sql.markForEdit.run(storyId, id);
      return {
        created: this.developmentsById(createdIds),
        attached: entries.filter((d) => decided.attach.includes(d.id)),
        revised: this.developmentsById(revisedIds),
        alertId,
      };
    });
    return run.immediate();
  }

  listAlerts(storyId: string): Alert[] {
    return this.sql.alerts.all(storyId).map((raw) => parseRow(alertRow, 'alerts', raw));
  }
}
