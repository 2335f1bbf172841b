import type { Database as Connection } from 'better-sqlite3';
import type { AuditEntry, AuditRecord } from '../../core/audit.js';
import { OPERATOR, type FeedInput, type FeedOwner, type FeedRecord } from '../../core/feed.js';
import { err, ok, type Result } from '../../core/result.js';
import type { AddFeedOptions, RemoveFeedOptions, TenantActor } from '../ports.js';
import { auditRow, feedOwnerRow, feedRow, parseRow } from '../rows/rows.js';

/**
 * The feed lifecycle part of the SQLite store: adding (with owners), soft removal, purge, pause and
 * resume, owners, and the audit log.
 */
export class SqliteFeedLifecycle {
  private readonly sql;

  constructor(private readonly db: Connection) {
    const prepare = (source: string) => db.prepare<unknown[], unknown>(source);
    this.sql = {
      byId: prepare('SELECT * FROM feeds WHERE id = ?'),
      byUrl: prepare('SELECT * FROM feeds WHERE url = ?'),
      insert: prepare(
        `INSERT INTO feeds (url, name, language, interval_sec, status, error_count, next_check_at, baseline_done, backfill, created_at, origin, operator_owned)
         VALUES (@url, @name, @language, @intervalSec, 'new', 0, @now, 0, @backfill, @now, 'added', @operator)
         RETURNING *`,
      ),
      reactivate: prepare(
        `UPDATE feeds SET state = 'active', paused_reason = NULL, removed_at = NULL, not_found_count = 0, next_check_at = @now,
           operator_owned = @operator
         WHERE id = @id RETURNING *`,
      ),
      makeOperator: prepare('UPDATE feeds SET operator_owned = 1 WHERE id = ? RETURNING *'),
      activeOwner: prepare('SELECT 1 FROM feed_owners WHERE feed_id = @feedId AND platform = @platform AND tenant_id = @tenantId AND removed_at IS NULL'),
      upsertOwner: prepare(
        `INSERT INTO feed_owners (feed_id, platform, tenant_id, added_by, added_at) VALUES (@feedId, @platform, @tenantId, @userId, @at)
         ON CONFLICT (feed_id, platform, tenant_id) DO UPDATE SET added_by = excluded.added_by, added_at = excluded.added_at, removed_at = NULL, removed_by = NULL`,
      ),
      endOwner: prepare(
        `UPDATE feed_owners SET removed_at = @at, removed_by = @userId
         WHERE feed_id = @feedId AND platform = @platform AND tenant_id = @tenantId AND removed_at IS NULL`,
      ),
      endOwners: prepare('UPDATE feed_owners SET removed_at = @at, removed_by = @userId WHERE feed_id = @feedId AND removed_at IS NULL'),
      activeOwners: prepare('SELECT COUNT(*) AS n FROM feed_owners WHERE feed_id = ? AND removed_at IS NULL'),
      remove: prepare("UPDATE feeds SET state = 'removed', removed_at = @at, lease_until = NULL WHERE id = @id AND state <> 'removed'"),
      purge: prepare('DELETE FROM feeds WHERE id = ?'),
      pause: prepare("UPDATE feeds SET state = 'paused', paused_reason = @reason WHERE id = @id AND state <> 'removed' RETURNING *"),
      owners: prepare('SELECT * FROM feed_owners ORDER BY feed_id, added_at, platform, tenant_id'),
      feedOwners: prepare('SELECT * FROM feed_owners WHERE feed_id = ? ORDER BY added_at, platform, tenant_id'),
      audit: prepare(
        `INSERT INTO audit (at, platform, tenant_id, user_id, action, target, outcome, detail)
         VALUES (@at, @platform, @tenantId, @userId, @action, @target, @outcome, @detail)`,
      ),
      listAudit: prepare('SELECT * FROM audit ORDER BY at DESC, id DESC LIMIT ?'),
    };
  }

  addFeed(input: FeedInput, now: Date, options: AddFeedOptions): Result<FeedRecord> {
    const run = this.db.transaction((): Result<FeedRecord> => {
      const owner = options.owner;
      const existing = this.find(input.url);
      let feed: FeedRecord;
      if (!existing) {
        const row = this.sql.insert.get({
          url: input.url, name: input.name, language: input.language ?? null, intervalSec: input.intervalSec, now: now.getTime(),
          backfill: options.backfill ? 1 : 0, operator: owner ? 0 : 1,
        });
        feed = parseRow(feedRow, 'feeds', row);
      } else if (existing.state === 'removed') {
        feed = parseRow(feedRow, 'feeds', this.sql.reactivate.get({ id: existing.id, now: now.getTime(), operator: owner ? 0 : 1 }));
      } else if (owner ? this.sql.activeOwner.get(ownerParams(existing.id, owner)) !== undefined : existing.operatorOwned) {
        return err('FEED_EXISTS', `${input.url} is already watched (feed ${existing.id}); nothing was added.`);
      } else {
        feed = owner ? existing : parseRow(feedRow, 'feeds', this.sql.makeOperator.get(existing.id));
      }
      if (owner) this.sql.upsertOwner.run({ ...ownerParams(feed.id, owner), userId: owner.userId, at: now.getTime() });
      return ok(feed);
    });
    return run.immediate();
  }

  removeFeed(idOrUrl: number | string, options: RemoveFeedOptions): boolean {
    const at = (options.at ?? new Date()).getTime();
    const run = this.db.transaction((): boolean => {
      const feed = this.find(idOrUrl);
      if (!feed) return false;
      const owner = options.owner;
      if (!owner) {
        this.sql.endOwners.run({ feedId: feed.id, at, userId: OPERATOR });
        return this.sql.remove.run({ id: feed.id, at }).changes > 0;
      }
      if (this.sql.endOwner.run({ ...ownerParams(feed.id, owner), at, userId: owner.userId }).changes === 0) return false;
      const left = (this.sql.activeOwners.get(feed.id) as { n: number }).n;
      if (left === 0 && !feed.operatorOwned) this.sql.remove.run({ id: feed.id, at });
      return true;
    });
    return run.immediate();
  }

  purgeFeed(idOrUrl: number | string): boolean {
    const feed = this.find(idOrUrl);
    return feed !== null && this.sql.purge.run(feed.id).changes > 0;
  }

  setFeedState(feedId: number, state: 'active' | 'paused', reason: string | null, at: Date): FeedRecord | null {
    const row = state === 'active' ? this.sql.reactivate.get({ id: feedId, now: at.getTime(), operator: this.find(feedId)?.operatorOwned === false ? 0 : 1 }) : this.sql.pause.get({ id: feedId, reason });
    return row === undefined ? null : parseRow(feedRow, 'feeds', row);
  }

  listFeedOwners(feedId?: number): FeedOwner[] {
    const rows = feedId === undefined ? this.sql.owners.all() : this.sql.feedOwners.all(feedId);
    return rows.map((row) => parseRow(feedOwnerRow, 'feed_owners', row));
  }

  recordAudit(e: AuditEntry): void {
    this.sql.audit.run({ ...e, at: e.at.getTime() });
  }

  listAudit(limit: number): AuditRecord[] {
    return this.sql.listAudit.all(limit).map((row) => parseRow(auditRow, 'audit', row));
  }

  private find(idOrUrl: number | string): FeedRecord | null {
    const row = typeof idOrUrl === 'number' ? this.sql.byId.get(idOrUrl) : this.sql.byUrl.get(idOrUrl);
    return row === undefined ? null : parseRow(feedRow, 'feeds', row);
  }
}

function ownerParams(feedId: number, owner: TenantActor) {
  return { feedId, platform: owner.platform, tenantId: owner.tenantId };
}
