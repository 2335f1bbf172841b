import type { ColumnType, Generated, Kysely } from 'kysely';
import type { TimelineEntry } from '../../core/development.js';
import type { StoryAlert } from './story-alerts.js';

/**
 * Column types as the shared queries see them (camelCase, through Kysely's CamelCasePlugin). A time
 * is written as a Date and read as a Date (PostgreSQL timestamptz) or epoch milliseconds (SQLite
 * INTEGER); a flag is written as a boolean and read as a boolean or 0/1; JSON is written as text and
 * read as text (SQLite) or parsed (PostgreSQL jsonb). rows.ts maps both readings to domain values.
 */
type Time = ColumnType<Date | number, Date, Date>;
type Flag = ColumnType<boolean | number, boolean, boolean>;
type Json = ColumnType<unknown, string, string>;
type Id = Generated<number>;

interface Feeds {
  id: Id;
  url: string;
  name: string;
  language: string | null;
  intervalSec: number;
  etag: string | null;
  lastModified: string | null;
  status: string;
  lastFetchAt: Time | null;
  lastErrorCode: string | null;
  lastError: string | null;
  errorCount: number;
  nextCheckAt: Time;
  baselineDone: Flag;
  backfill: Flag;
  createdAt: Time;
  leaseUntil: Time | null;
  origin: string;
  operatorOwned: Flag;
  state: Generated<string>;
  pausedReason: string | null;
  removedAt: Time | null;
  notFoundCount: Generated<number>;
}
interface Items {
  id: Id;
  feedId: number;
  key: string;
  contentHash: string;
  guid: string | null;
  link: string | null;
  title: string;
  text: string;
  lang: string;
  langSource: string;
  publishedAt: Time | null;
  fetchedAt: Time;
  pending: Flag;
  baseline: Flag;
}
interface ItemMatches {
  itemId: number;
  storyId: string;
  matched: Flag;
  score: number;
  reasons: Json;
  matchedAt: Time;
}
interface Developments {
  id: Id;
  storyId: string;
  kind: string;
  kinds: Json;
  date: string;
  actors: Json;
  label: string;
  summary: string;
  summaryLang: string;
  firstItemId: number | null;
  createdAt: Time;
  dateWritten: ColumnType<boolean | number, boolean | undefined, boolean>;
}
interface DevelopmentSources {
  developmentId: number;
  itemId: number;
  lang: string;
  addedAt: Time;
  withdrawnAt: Time | null;
  quote: string | null;
}
interface Alerts {
  id: Id;
  storyId: string;
  itemId: number;
  developments: Json;
  context: Json;
  createdAt: Time;
  withdrawnAt: Time | null;
  dateDisputedAt: Time | null;
}
interface AlertLabels {
  id: Id;
  alertId: number;
  choice: string;
  platform: string;
  tenantId: string;
  userId: string;
  channelId: string;
  at: Time;
}
interface Subscriptions {
  id: Id;
  platform: string;
  channelId: string;
  storyId: string;
  alerts: Flag;
  digestTime: string | null;
  timeZone: string | null;
  status: string;
  stoppedReason: string | null;
  lastDigestAt: Time | null;
  createdAt: Time;
  tenantId: string | null;
  unsubscribedAt: Time | null;
  unsubscribedBy: string | null;
  language: Generated<string>;
}
interface Outbox {
  id: Id;
  subscriptionId: number;
  kind: string;
  key: string;
  alertId: number | null;
  digestDay: string | null;
  digestUntil: Time | null;
  status: Generated<string>;
  attempts: Generated<number>;
  nextAttemptAt: Time;
  lastError: string | null;
  messageId: string | null;
  messageIds: Json | null;
  needsUpdate: ColumnType<boolean | number, boolean | undefined, boolean>;
  createdAt: Time;
  sentAt: Time | null;
  itemId: ColumnType<number | null, number | null | undefined, number | null>;
}
interface AlertSettingsRows {
  subscriptionId: number;
  threads: Flag;
  pingTarget: string | null;
  pingKinds: Json;
  updatedAt: Time;
  updatedBy: string;
}
interface FeedOwners {
  feedId: number;
  platform: string;
  tenantId: string;
  addedBy: string;
  addedAt: Time;
  removedAt: Time | null;
  removedBy: string | null;
}
interface Audit {
  id: Id;
  at: Time;
  platform: string;
  tenantId: string | null;
  userId: string;
  action: string;
  target: string | null;
  outcome: string;
  detail: string | null;
}
interface StorySentences {
  id: Id;
  storyId: string;
  itemId: number;
  ord: number;
  lang: string;
  text: string;
  tokens: string;
}
interface PlatformPauses {
  platform: string;
  code: string;
  reason: string;
  channelId: string | null;
  pausedAt: Time;
  nextProbeAt: Time;
}
interface OpsNotices {
  id: Id;
  key: string;
  platform: string;
  channelId: string;
  kind: string;
  title: string;
  lines: Json;
  status: Generated<string>;
  attempts: Generated<number>;
  nextAttemptAt: Time;
  lastError: string | null;
  messageId: string | null;
  createdAt: Time;
  sentAt: Time | null;
}
interface OpsFlags {
  name: string;
  raisedAt: Time;
  detail: string;
}
interface WebhookTargets {
  id: Id;
  url: string;
  secret: string;
  tenantId: string | null;
  createdBy: string;
  createdAt: Time;
}

/** The tables of migrations 001–008 and 010–014. */
export interface Tables {
  feeds: Feeds;
  items: Items;
  itemMatches: ItemMatches;
  developments: Developments;
  developmentSources: DevelopmentSources;
  alerts: Alerts;
  subscriptions: Subscriptions;
  outbox: Outbox;
  feedOwners: FeedOwners;
  audit: Audit;
  platformPauses: PlatformPauses;
  alertLabels: AlertLabels;
  alertSettings: AlertSettingsRows;
  opsNotices: OpsNotices;
  opsFlags: OpsFlags;
  storySentences: StorySentences;
  webhookTargets: WebhookTargets;
}

/** The database, or one transaction on it. */
export type Db = Kysely<Tables>;

/** What differs between the backends; everything else is one query text for both. */
export interface Dialect {
  /** Runs `work` in one write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: run again on deadlock or serialization failure). */
  transaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T>;
  /** Serializes timeline updates of one story until the transaction ends (PostgreSQL: advisory lock; SQLite's write lock already does). */
  lockStory(tx: Db, storyId: string): Promise<void>;
  /**
   * Ids of a story's sentences whose tokens hold a word starting with one of `terms` (plain
   * tokens), newest first, at most `limit` (SQLite: FTS5; PostgreSQL: a GIN-indexed tsvector).
   * Both find the same sentences in the same order, so answers never depend on the backend.
   */
  matchSentences(db: Db, storyId: string, terms: string[], limit: number): Promise<number[]>;
  /** Whether a transaction excludes every other writer until it ends (SQLite), so that what it read stays true until it writes. */
  exclusive: boolean;
}

/** A story's timeline as read in an exclusive transaction, kept until the transaction changes it. */
export interface TimelineView {
  entries?: TimelineEntry[];
  days?: string[];
  alerts?: StoryAlert[];
  /** Whether any subscription (of any status) is to the story. */
  subscribed?: boolean;
}

/** Where the queries run: the database, or a transaction already open on it. */
export interface Sql {
  db: Db;
  dialect: Dialect;
  inTransaction: boolean;
  /** Per story, in an exclusive transaction only: its timeline as last read (cleared by the transaction's writes to it). */
  timelines?: Map<string, TimelineView>;
}

/** Runs `work` atomically: in the open transaction, or in a new one. */
export function atomic<T>(ctx: Sql, work: (tx: Db) => Promise<T>): Promise<T> {
  return ctx.inTransaction ? work(ctx.db) : ctx.dialect.transaction(ctx.db, work);
}

/**
 * JSON text of a value, without U+0000 in its strings (PostgreSQL's jsonb refuses it). JSON writes
 * U+0000 as an escape, so text without that escape has none to drop and is kept as it is.
 */
export function json(value: unknown): string {
  const text = JSON.stringify(value);
  if (typeof text !== 'string' || !text.includes('\\u0000')) return text;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v));
}

/** Rows per multi-row statement and ids per IN list: well below SQLite's bound-parameter limit. */
const CHUNK = 500;

/** `list` in slices of at most CHUNK. */
export function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}
