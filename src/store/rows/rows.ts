import { z } from 'zod';
import type { AuditRecord } from '../../core/audit.js';
import type { FeedOwner, FeedRecord } from '../../core/feed.js';
import type { StoredItem } from '../../core/item.js';
import type { ItemMatchRecord } from '../ports.js';

const epochMs = z.number().int();
const flag = z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1);
const date = epochMs.transform((ms) => new Date(ms));
const optionalDate = epochMs.nullable().transform((ms) => (ms === null ? null : new Date(ms)));

/** A `feeds` row as read back, mapped to a FeedRecord. */
export const feedRow = z
  .object({
    id: z.number().int(),
    url: z.string(),
    name: z.string(),
    language: z.string().nullable(),
    interval_sec: z.number().int(),
    etag: z.string().nullable(),
    last_modified: z.string().nullable(),
    status: z.enum(['new', 'ok', 'not_modified', 'error']),
    last_fetch_at: optionalDate,
    last_error_code: z.string().nullable(),
    last_error: z.string().nullable(),
    error_count: z.number().int(),
    next_check_at: date,
    baseline_done: flag,
    backfill: flag,
    created_at: date,
    origin: z.enum(['config', 'added']),
    operator_owned: flag,
    state: z.enum(['active', 'paused', 'removed']),
    paused_reason: z.string().nullable(),
    removed_at: optionalDate,
    not_found_count: z.number().int(),
  })
  .transform(
    (r): FeedRecord => ({
      id: r.id,
      url: r.url,
      name: r.name,
      language: r.language,
      intervalSec: r.interval_sec,
      etag: r.etag,
      lastModified: r.last_modified,
      status: r.status,
      lastFetchAt: r.last_fetch_at,
      lastErrorCode: r.last_error_code,
      lastError: r.last_error,
      errorCount: r.error_count,
      nextCheckAt: r.next_check_at,
      baselineDone: r.baseline_done,
      backfill: r.backfill,
      createdAt: r.created_at,
      origin: r.origin,
      operatorOwned: r.operator_owned,
      state: r.state,
      pausedReason: r.paused_reason,
      removedAt: r.removed_at,
      notFoundCount: r.not_found_count,
    }),
  );

/** A `feed_owners` row as read back. */
export const feedOwnerRow = z
  .object({
    feed_id: z.number().int(),
    platform: z.enum(['discord', 'slack']),
    tenant_id: z.string(),
    added_by: z.string(),
    added_at: date,
    removed_at: optionalDate,
    removed_by: z.string().nullable(),
  })
  .transform(
    (r): FeedOwner => ({
      feedId: r.feed_id, platform: r.platform, tenantId: r.tenant_id, addedBy: r.added_by, addedAt: r.added_at, removedAt: r.removed_at, removedBy: r.removed_by,
    }),
  );

/** An `audit` row as read back. */
export const auditRow = z
  .object({
    id: z.number().int(),
    at: date,
    platform: z.enum(['discord', 'slack', 'cli']),
    tenant_id: z.string().nullable(),
    user_id: z.string(),
    action: z.string(),
    target: z.string().nullable(),
    outcome: z.enum(['ok', 'refused', 'error']),
    detail: z.string().nullable(),
  })
  .transform(
    (r): AuditRecord => ({
      id: r.id, at: r.at, platform: r.platform, tenantId: r.tenant_id, userId: r.user_id, action: r.action, target: r.target, outcome: r.outcome, detail: r.detail,
    }),
  );

/** An `items` row as read back, mapped to a StoredItem. */
export const itemRow = z
  .object({
    id: z.number().int(),
    feed_id: z.number().int(),
    key: z.string(),
    content_hash: z.string(),
    guid: z.string().nullable(),
    link: z.string().nullable(),
    title: z.string(),
    text: z.string(),
    lang: z.string(),
    lang_source: z.enum(['declared', 'script', 'detected', 'feed', 'unknown']),
    published_at: optionalDate,
    fetched_at: date,
    baseline: flag,
  })
  .transform(
    (r): StoredItem => ({
      id: r.id,
      feedId: r.feed_id,
      key: r.key,
      contentHash: r.content_hash,
      guid: r.guid,
      link: r.link,
      title: r.title,
      text: r.text,
      lang: r.lang,
      langSource: r.lang_source,
      published: r.published_at,
      fetchedAt: r.fetched_at,
      baseline: r.baseline,
    }),
  );

/** An `item_matches` row as read back. */
export const itemMatchRow = z
  .object({
    item_id: z.number().int(),
    story_id: z.string(),
    matched: flag,
    score: z.number(),
    reasons: z.string().transform((json, ctx) => {
      const parsed = z.array(z.string()).safeParse(JSON.parse(json));
      if (!parsed.success) ctx.addIssue({ code: 'custom', message: 'reasons: expected a JSON array of strings' });
      return parsed.data ?? [];
    }),
    matched_at: date,
  })
  .transform(
    (r): ItemMatchRecord => ({ itemId: r.item_id, storyId: r.story_id, matched: r.matched, score: r.score, reasons: r.reasons, at: r.matched_at }),
  );

/** A single-number row such as `SELECT COUNT(*) AS n`. */
export const countRow = z.object({ n: z.number().int() }).transform((r) => r.n);

/** A row holding a feed id. */
export const feedIdRow = z.object({ feed_id: z.number().int() }).transform((r) => r.feed_id);

/**
 * Validates a row read from `table` and maps it; a row that does not fit is a corrupted or
 * foreign database, so this throws with the table and the offending fields named.
 */
export function parseRow<T>(schema: z.ZodType<T>, table: string, row: unknown): T {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`STORE_ROW_INVALID: a row of ${table} does not match the schema (${fields}).`);
}
