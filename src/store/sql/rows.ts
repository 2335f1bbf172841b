import { z } from 'zod';
import type { AlertLabel, AlertPosting } from '../../core/alert-label.js';
import type { StoredAlertSettings } from '../../core/alert-settings.js';
import type { AuditRecord } from '../../core/audit.js';
import type { Alert, Development, SourceQuote, TimelineEntry } from '../../core/development.js';
import type { FeedOwner, FeedRecord } from '../../core/feed.js';
import type { ItemHead, StoredItem } from '../../core/item.js';
import type { NoticeRow, OpsFlag } from '../../core/ops.js';
import type { OutboxBacklog, OutboxRow, PlatformPause, Subscription } from '../../core/subscription.js';
import { KIND_ID_PATTERN } from '../../config/kind-schema.js';
import type { StoredSentence } from '../../core/sentence.js';
import type { WebhookTarget } from '../../core/webhook.js';
import type { ItemMatchRecord } from '../ports.js';

// The type mapping: SQLite gives epoch ms, 0/1 and JSON text; PostgreSQL gives Date, boolean and parsed jsonb.
const int = z.number().int();
const text = z.string();
const maybe = text.nullable();
const time = z.union([int, z.date()]).transform((v) => new Date(v));
const maybeTime = time.nullable();
const flag = z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((v) => v === true || v === 1);
const json = <T extends z.ZodType>(schema: T) =>
  z
    .unknown()
    .transform((v) => (typeof v === 'string' ? JSON.parse(v) : v))
    .pipe(schema);
const platform = z.enum(['discord', 'slack']);
const deliveryPlatform = z.enum(['discord', 'slack', 'webhook']);
const kind = text.regex(KIND_ID_PATTERN);

const feed = z.object({
  id: int,
  url: text,
  name: text,
  language: maybe,
  intervalSec: int,
  etag: maybe,
  lastModified: maybe,
  status: z.enum(['new', 'ok', 'not_modified', 'error']),
  lastFetchAt: maybeTime,
  lastErrorCode: maybe,
  lastError: maybe,
  errorCount: int,
  nextCheckAt: time,
  baselineDone: flag,
  backfill: flag,
  createdAt: time,
  origin: z.enum(['config', 'added']),
  operatorOwned: flag,
  state: z.enum(['active', 'paused', 'removed']),
  pausedReason: maybe,
  removedAt: maybeTime,
  notFoundCount: int,
}) satisfies z.ZodType<FeedRecord>;
const feedOwner = z.object({
  feedId: int,
  platform,
  tenantId: text,
  addedBy: text,
  addedAt: time,
  removedAt: maybeTime,
  removedBy: maybe,
}) satisfies z.ZodType<FeedOwner>;
const audit = z.object({
  id: int,
  at: time,
  platform: z.enum(['discord', 'slack', 'cli']),
  tenantId: maybe,
  userId: text,
  action: text,
  target: maybe,
  outcome: z.enum(['ok', 'refused', 'error']),
  detail: maybe,
}) satisfies z.ZodType<AuditRecord>;
const item = z
  .object({
    id: int,
    feedId: int,
    key: text,
    contentHash: text,
    guid: maybe,
    link: maybe,
    title: text,
    text,
    lang: text,
    langSource: z.enum(['declared', 'script', 'detected', 'feed', 'unknown']),
    publishedAt: maybeTime,
    fetchedAt: time,
    baseline: flag,
  })
  .transform(({ publishedAt, ...r }): StoredItem => ({ ...r, published: publishedAt }));
/** An item without its text: what pages and feeds show of a source. */
const itemHead = z
  .object({ id: int, feedId: int, link: maybe, title: text, lang: text, publishedAt: maybeTime, fetchedAt: time })
  .transform(({ publishedAt, ...r }): ItemHead => ({ ...r, published: publishedAt }));
const itemMatch = z
  .object({ itemId: int, storyId: text, matched: flag, score: z.number(), reasons: json(z.array(text)), matchedAt: time })
  .transform(({ matchedAt, ...r }): ItemMatchRecord => ({ ...r, at: matchedAt }));
const development = z.object({
  id: int,
  storyId: text,
  kind,
  kinds: json(z.array(kind)),
  date: z.iso.date(),
  actors: json(z.array(text)),
  label: text,
  summary: text,
  summaryLang: text,
  firstItemId: int.nullable(),
  createdAt: time,
  dateWritten: flag,
});
const timelineEntry = development.extend({ firstPublishedAt: maybeTime, firstKey: maybe }).transform(({ firstPublishedAt, firstKey, ...r }): TimelineEntry => ({
  ...r,
  firstReport: firstKey === null ? null : { published: firstPublishedAt, key: firstKey },
}));
const source = z.object({ developmentId: int, itemId: int, lang: text, quote: maybe.optional() });
const alert = z.object({
  id: int,
  storyId: text,
  itemId: int,
  developments: json(z.array(int)),
  context: json(z.array(int)),
  createdAt: time,
  withdrawnAt: maybeTime,
  dateDisputedAt: maybeTime,
}) satisfies z.ZodType<Alert>;
const alertLabel = z.object({
  id: int,
  alertId: int,
  storyId: text,
  itemId: int,
  choice: z.enum(['off_topic', 'wrong_date']),
  platform,
  tenantId: text,
  userId: text,
  channelId: text,
  at: time,
}) satisfies z.ZodType<AlertLabel>;
const alertPosting = z.object({ platform, channelId: text, tenantId: maybe }) satisfies z.ZodType<AlertPosting>;
const subscription = z.object({
  id: int,
  platform: deliveryPlatform,
  channelId: text,
  storyId: text,
  alerts: flag,
  digestTime: maybe,
  timeZone: maybe,
  status: z.enum(['active', 'stopped']),
  stoppedReason: maybe,
  lastDigestAt: maybeTime,
  createdAt: time,
  tenantId: maybe,
  unsubscribedAt: maybeTime,
  unsubscribedBy: maybe,
  language: text,
}) satisfies z.ZodType<Subscription>;
const outbox = z.object({
  id: int,
  subscriptionId: int,
  kind: z.enum(['alert', 'digest', 'thread']),
  key: text,
  alertId: int.nullable(),
  itemId: int.nullable().optional(),
  digestDay: maybe,
  digestUntil: maybeTime,
  status: z.enum(['pending', 'sent', 'failed', 'dropped']),
  attempts: int,
  nextAttemptAt: time,
  lastError: maybe,
  messageId: maybe,
  messageIds: json(z.array(text).nullable()).transform((v) => v ?? []),
  needsUpdate: flag,
  createdAt: time,
  sentAt: maybeTime,
}) satisfies z.ZodType<OutboxRow>;
const platformPause = z.object({
  platform,
  code: text,
  reason: text,
  channelId: maybe,
  pausedAt: time,
  nextProbeAt: time,
}) satisfies z.ZodType<PlatformPause>;
const backlog = z.object({
  platform: deliveryPlatform,
  pending: z.coerce.number().int(),
  nextAttemptAt: maybeTime,
  lastError: maybe,
}) satisfies z.ZodType<OutboxBacklog>;
const opsNotice = z.object({
  id: int,
  key: text,
  platform,
  channelId: text,
  kind: z.enum(['feed_failing', 'feed_recovered', 'subscription_stopped', 'delivery_paused', 'backlog_high', 'backlog_ok']),
  title: text,
  lines: json(z.array(text)),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: int,
  nextAttemptAt: time,
  lastError: maybe,
  messageId: maybe,
  createdAt: time,
  sentAt: maybeTime,
}) satisfies z.ZodType<NoticeRow>;
const opsFlag = z.object({ name: text, raisedAt: time, detail: text }) satisfies z.ZodType<OpsFlag>;

const alertSettings = z
  .object({ subscriptionId: int, threads: flag, pingTarget: maybe, pingKinds: json(z.array(kind)), updatedAt: time, updatedBy: text })
  .transform(({ pingTarget, pingKinds, ...r }): StoredAlertSettings => ({ ...r, ping: pingTarget === null ? null : { target: pingTarget, kinds: pingKinds } }));

const sentence = z.object({
  id: int,
  storyId: text,
  itemId: int,
  ord: int,
  lang: text,
  text,
  link: maybe,
  outlet: text,
  published: maybeTime,
}) satisfies z.ZodType<StoredSentence>;
const webhookTarget = z.object({
  id: int,
  url: text,
  secret: text,
  tenantId: maybe,
  createdBy: text,
  createdAt: time,
}) satisfies z.ZodType<WebhookTarget>;

/** Row schemas by table, each mapping a row (camelCase) to its domain value. */
export const rows = {
  feeds: feed,
  feedOwners: feedOwner,
  audit,
  items: item,
  itemHeads: itemHead,
  itemMatches: itemMatch,
  timeline: timelineEntry,
  alerts: alert,
  subscriptions: subscription,
  outbox,
  platformPauses: platformPause,
  backlog,
  alertLabels: alertLabel,
  alertPostings: alertPosting,
  alertSettings,
  opsNotices: opsNotice,
  opsFlags: opsFlag,
  sentences: sentence,
  webhookTargets: webhookTarget,
};

/**
 * Validates rows read from `table` and maps them; a row that does not fit is a corrupted or
 * foreign database, so this throws with the table and the offending fields named.
 */
export function parse<K extends keyof typeof rows>(table: K, list: readonly unknown[]): z.output<(typeof rows)[K]>[] {
  return list.map((row) => {
    const parsed = rows[table].safeParse(row);
    if (parsed.success) return parsed.data as z.output<(typeof rows)[K]>;
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`STORE_ROW_INVALID: a row of ${table} does not match the schema (${fields}).`);
  });
}

/** Developments from their rows and their source rows (sources in the order given, languages once each). */
export function assembleDevelopments(developmentRows: readonly unknown[], sourceRows: readonly unknown[]): Development[] {
  const sources = new Map<number, { items: number[]; langs: string[]; quotes: SourceQuote[] }>();
  for (const raw of sourceRows) {
    const s = source.parse(raw);
    const entry = sources.get(s.developmentId) ?? { items: [], langs: [], quotes: [] };
    entry.items.push(s.itemId);
    if (!entry.langs.includes(s.lang)) entry.langs.push(s.lang);
    if (s.quote) entry.quotes.push({ itemId: s.itemId, lang: s.lang, text: s.quote });
    sources.set(s.developmentId, entry);
  }
  return developmentRows.map((raw) => {
    const d = development.parse(raw);
    const s = sources.get(d.id) ?? { items: [], langs: [], quotes: [] };
    return { ...d, sources: s.items, languages: s.langs, quotes: s.quotes };
  });
}
