import type { Pool, PoolClient } from 'pg';
import type { AuditEntry, AuditRecord } from '../../core/audit.js';
import { OPERATOR, type FeedInput, type FeedOwner, type FeedRecord } from '../../core/feed.js';
import { err, ok, type Result } from '../../core/result.js';
import type { AddFeedOptions, RemoveFeedOptions, TenantActor } from '../ports.js';
import { auditRow, countRow, feedOwnerRow, feedRow, parseRow } from '../rows/rows.js';
import { inTransaction } from './pg-pool.js';

const sql = {
  insert: `INSERT INTO feeds (url, name, language, interval_sec, status, error_count, next_check_at, baseline_done, backfill, created_at, origin, operator_owned)
           VALUES ($1, $2, $3, $4, 'new', 0, $5, 0, $6, $5, 'added', $7)
           ON CONFLICT (url) DO NOTHING
           RETURNING *`,
  lockById: 'SELECT * FROM feeds WHERE id = $1 FOR UPDATE',
  lockByUrl: 'SELECT * FROM feeds WHERE url = $1 FOR UPDATE',
  reactivate: `UPDATE feeds SET state = 'active', paused_reason = NULL, removed_at = NULL, not_found_count = 0, next_check_at = $2, operator_owned = $3
               WHERE id = $1 RETURNING *`,
  makeOperator: 'UPDATE feeds SET operator_owned = 1 WHERE id = $1 RETURNING *',
  activeOwner: 'SELECT 1 FROM feed_owners WHERE feed_id = $1 AND platform = $2 AND tenant_id = $3 AND removed_at IS NULL',
  upsertOwner: `INSERT INTO feed_owners (feed_id, platform, tenant_id, added_by, added_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (feed_id, platform, tenant_id) DO UPDATE SET added_by = excluded.added_by, added_at = excluded.added_at, removed_at = NULL, removed_by = NULL`,
  endOwner: `UPDATE feed_owners SET removed_at = $4, removed_by = $5
             WHERE feed_id = $1 AND platform = $2 AND tenant_id = $3 AND removed_at IS NULL`,
  endOwners: 'UPDATE feed_owners SET removed_at = $2, removed_by = $3 WHERE feed_id = $1 AND removed_at IS NULL',
  activeOwners: 'SELECT COUNT(*)::bigint AS n FROM feed_owners WHERE feed_id = $1 AND removed_at IS NULL',
  remove: "UPDATE feeds SET state = 'removed', removed_at = $2, lease_until = NULL WHERE id = $1 AND state <> 'removed'",
  purge: 'DELETE FROM feeds WHERE id = $1',
  pause: "UPDATE feeds SET state = 'paused', paused_reason = $2 WHERE id = $1 AND state <> 'removed' RETURNING *",
  owners: 'SELECT * FROM feed_owners ORDER BY feed_id, added_at, platform, tenant_id',
  feedOwners: 'SELECT * FROM feed_owners WHERE feed_id = $1 ORDER BY added_at, platform, tenant_id',
  audit: `INSERT INTO audit (at, platform, tenant_id, user_id, action, target, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
  listAudit: 'SELECT * FROM audit ORDER BY at DESC, id DESC LIMIT $1',
};

/**
 * The feed lifecycle part of the PostgreSQL store: adding (with owners), soft removal, purge, pause
 * and resume, owners, and the audit log. Changes to one feed lock its row.
 */
export class PostgresFeedLifecycle {
  /** Works on the store's pool. */
  constructor(private readonly pool: Pool) {}

  /** See Store.addFeed. */
  async addFeed(input: FeedInput, now: Date, options: AddFeedOptions): Promise<Result<FeedRecord>> {
    return inTransaction(this.pool, async (client): Promise<Result<FeedRecord>> => {
      const owner = options.owner;
      const inserted = await client.query(sql.insert, [
        input.url, input.name, input.language ?? null, input.intervalSec, now.getTime(), options.backfill ? 1 : 0, owner ? 0 : 1,
      ]);
      let feed: FeedRecord;
      if (inserted.rows[0] !== undefined) feed = parseRow(feedRow, 'feeds', inserted.rows[0]);
      else {
        const existing = await lock(client, input.url);
        if (!existing) throw new Error(`feed ${input.url} vanished while being added`);
        if (existing.state === 'removed') {
          feed = parseRow(feedRow, 'feeds', (await client.query(sql.reactivate, [existing.id, now.getTime(), owner ? 0 : 1])).rows[0]);
        } else if (owner ? (await client.query(sql.activeOwner, ownerParams(existing.id, owner))).rows.length > 0 : existing.operatorOwned) {
          return err('FEED_EXISTS', `${input.url} is already watched (feed ${existing.id}); nothing was added.`);
        } else {
          feed = owner ? existing : parseRow(feedRow, 'feeds', (await client.query(sql.makeOperator, [existing.id])).rows[0]);
        }
      }
      if (owner) await client.query(sql.upsertOwner, [...ownerParams(feed.id, owner), owner.userId, now.getTime()]);
      return ok(feed);
    });
  }

  /** See Store.removeFeed. */
  async removeFeed(idOrUrl: number | string, options: RemoveFeedOptions): Promise<boolean> {
    const at = (options.at ?? new Date()).getTime();
    return inTransaction(this.pool, async (client) => {
      const feed = await lock(client, idOrUrl);
      if (!feed) return false;
      const owner = options.owner;
      if (!owner) {
        await client.query(sql.endOwners, [feed.id, at, OPERATOR]);
        return ((await client.query(sql.remove, [feed.id, at])).rowCount ?? 0) > 0;
      }
      if (((await client.query(sql.endOwner, [...ownerParams(feed.id, owner), at, owner.userId])).rowCount ?? 0) === 0) return false;
      const left = parseRow(countRow, 'feed_owners', (await client.query(sql.activeOwners, [feed.id])).rows[0]);
      if (left === 0 && !feed.operatorOwned) await client.query(sql.remove, [feed.id, at]);
      return true;
    });
  }

  /** See Store.purgeFeed. */
  async purgeFeed(idOrUrl: number | string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const feed = await lock(client, idOrUrl);
      return feed !== null && ((await client.query(sql.purge, [feed.id])).rowCount ?? 0) > 0;
    });
  }

  /** See Store.setFeedState. */
  async setFeedState(feedId: number, state: 'active' | 'paused', reason: string | null, at: Date): Promise<FeedRecord | null> {
    return inTransaction(this.pool, async (client) => {
      const feed = await lock(client, feedId);
      if (!feed) return null;
      const { rows } = state === 'active'
        ? await client.query(sql.reactivate, [feedId, at.getTime(), feed.operatorOwned ? 1 : 0])
        : await client.query(sql.pause, [feedId, reason]);
      return rows[0] === undefined ? null : parseRow(feedRow, 'feeds', rows[0]);
    });
  }

  /** See Store.listFeedOwners. */
  async listFeedOwners(feedId?: number): Promise<FeedOwner[]> {
    const { rows } = feedId === undefined ? await this.pool.query(sql.owners) : await this.pool.query(sql.feedOwners, [feedId]);
    return rows.map((row) => parseRow(feedOwnerRow, 'feed_owners', row));
  }

  /** See Store.recordAudit. */
  async recordAudit(e: AuditEntry): Promise<void> {
    await this.pool.query(sql.audit, [e.at.getTime(), e.platform, e.tenantId, e.userId, e.action, e.target, e.outcome, e.detail]);
  }

  /** Newest first; a null limit means all. */
  async listAudit(limit: number | null): Promise<AuditRecord[]> {
    return (await this.pool.query(sql.listAudit, [limit])).rows.map((row) => parseRow(auditRow, 'audit', row));
  }
}

async function lock(client: PoolClient, idOrUrl: number | string): Promise<FeedRecord | null> {
  const { rows } = await client.query(typeof idOrUrl === 'number' ? sql.lockById : sql.lockByUrl, [idOrUrl]);
  return rows[0] === undefined ? null : parseRow(feedRow, 'feeds', rows[0]);
}

function ownerParams(feedId: number, owner: TenantActor): [number, string, string] {
  return [feedId, owner.platform, owner.tenantId];
}
