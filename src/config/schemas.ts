import cron from 'node-cron';
import { z } from 'zod';
import { durationSchema } from './duration.js';
import { opsSectionSchema } from './ops-schema.js';

const MIN_INTERVAL_SEC = 60;

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language code such as "en", "zh" or "pt-BR"');
const cronExpression = z.string().refine((v) => cron.validate(v), { message: 'expected a cron expression, e.g. "*/15 * * * * *"' });

/** One configured feed. */
export const feedSchema = z.strictObject({
  url: httpUrl,
  name: z.string().min(1).optional(),
  language: language.optional(),
  interval: durationSchema
    .refine((s) => s >= MIN_INTERVAL_SEC, { message: `the poll interval must be at least ${MIN_INTERVAL_SEC}s` })
    .optional(),
});

/** config/feeds.yml */
export const feedsFileSchema = z.strictObject({
  feeds: z.array(feedSchema).default([]),
});

/** config/schedules.yml */
export const schedulesFileSchema = z.strictObject({
  poll: z
    .strictObject({
      /** How often the scheduler looks for due feeds. Six fields: seconds first. */
      tick: cronExpression.default('*/15 * * * * *'),
      /** Interval for feeds that do not set one. */
      defaultInterval: durationSchema.default(600),
      /** Feeds fetched at once, across all hosts. */
      concurrency: z.int().min(1).max(256).default(8),
      /** Requests at once to one host. */
      perHostConcurrency: z.int().min(1).max(16).default(1),
      /** Pause between two requests to the same host, in ms. */
      perHostDelayMs: z.int().min(0).max(60_000).default(1000),
      /** Consecutive 404 answers after which a feed is paused (a 410 Gone pauses it at once). */
      pauseAfterNotFound: z.int().min(1).max(1000).default(5),
    })
    .prefault({}),
});

/** config/storywatch.yml: general settings (no secrets: those come from the environment). */
export const settingsFileSchema = z.strictObject({
  /** SQLite database file, relative to the working directory. STORYWATCH_DB overrides it. */
  database: z.string().min(1).default('data/storywatch.db'),
  fetch: z
    .strictObject({
      timeoutMs: z.int().min(1000).max(300_000).default(15_000),
      maxBytes: z.int().min(1024).max(200 * 1024 * 1024).default(10 * 1024 * 1024),
      maxRedirects: z.int().min(0).max(20).default(5),
      userAgent: z.string().min(1).optional(),
      /** Allow feeds on private, loopback and link-local addresses. Off by default (SSRF guard). */
      allowPrivateNetworks: z.boolean().default(false),
      /**
       * How long a feed is leased to the process fetching it: other processes on the database skip
       * it meanwhile, and after this a feed whose process died is fetched again and the items it
       * left pending are matched by another. Default: timeoutMs plus 60 s.
       */
      leaseSeconds: z.int().min(5).max(3600).optional(),
    })
    .prefault({}),
  delivery: z
    .strictObject({
      /**
       * How long a dispatcher holds a message it is sending: another dispatcher leaves it alone
       * meanwhile, and a dispatcher that died mid-send has it retried after this.
       */
      claimSeconds: z.int().min(1).max(3600).default(120),
      /**
       * While a platform is paused because it refused the token, how often a dispatcher tries the
       * oldest due message to find out whether the token works again.
       */
      authProbeSeconds: z.int().min(1).max(86_400).default(300),
      /** How long `run --once` may keep sending (waiting out rate limits) before it exits and reports what is left. */
      onceBudgetSeconds: z.int().min(1).max(3600).default(120),
    })
    .prefault({}),
  /** Where and when operators hear about trouble (decision 026). */
  ops: opsSectionSchema,
  log: z.strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') }).prefault({}),
  /**
   * Deprecated and ignored (the pg-boss worker settings, removed by decision 017): loading warns
   * and names what replaces each key. Any value is accepted, so an old file still starts the bot.
   */
  workers: z.unknown().optional(),
}).refine((s) => s.fetch.leaseSeconds === undefined || s.fetch.leaseSeconds * 1000 > s.fetch.timeoutMs, {
  path: ['fetch', 'leaseSeconds'],
  message: 'must be longer than fetch.timeoutMs: a feed is leased to the process fetching it for this long, and a fetch may take that long',
});

export type FeedsFile = z.infer<typeof feedsFileSchema>;
export type SchedulesFile = z.infer<typeof schedulesFileSchema>;
export type SettingsFile = z.infer<typeof settingsFileSchema>;
