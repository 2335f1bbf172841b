import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseYaml } from './parse-yaml.js';
import type { z } from 'zod';
import type { FeedInput } from '../core/feed.js';
import { normalizeFeedUrl } from '../core/feed-url.js';
import { err, ok, type Result } from '../core/result.js';
import { describeIssues } from './describe-issues.js';
import type { OpsSettings } from '../core/ops.js';
import { resolveOps } from './ops-schema.js';
import type { Env } from './env.js';
import {
  feedsFileSchema,
  schedulesFileSchema,
  settingsFileSchema,
  type SchedulesFile,
  type SettingsFile,
} from './schemas.js';
import { baseTaxonomy, TaxonomyError } from '../taxonomy/base-taxonomy.js';
import { storySchema, type StoryConfig } from './story-schema.js';
import { weightsFileName, weightsFileSchema, type LearnedWeights } from './learned-weights.js';

/** Everything storywatch is configured with, validated. */
export interface AppConfig {
  dir: string;
  /** storywatch.yml, without the deprecated `workers` section (see `warnings`) and `ops` (resolved in `ops`). */
  settings: Omit<SettingsFile, 'workers' | 'ops'>;
  schedules: SchedulesFile;
  feeds: FeedInput[];
  stories: StoryConfig[];
  /** Database file after environment overrides (SQLite, the default). */
  databasePath: string;
  /** PostgreSQL, when DATABASE_URL is set: the store lives there, shared by every process pointed at it. */
  postgres: { url: string; schema?: string } | null;
  /** Chat platforms with a token (from the environment only); a platform without one is off. */
  chat: { discord?: ChatAccess; slack?: ChatAccess };
  /** Slash-command serving (`storywatch serve`), from the environment. */
  serve: ServeSettings;
  /** Where and when operators hear about trouble (storywatch.yml `ops`, STORYWATCH_OPS_CHANNELS). */
  ops: OpsSettings;
  /** The font of the digests' chart (STORYWATCH_CHART_FONT, decision 031); unset: DejaVu Sans. */
  chartFont?: string;
  /** Settings that are deprecated and ignored, each with what replaces it, for the caller to log as warnings. */
  warnings: string[];
}

/** How `storywatch serve` reaches the platforms. */
export interface ServeSettings {
  port: number;
  /** Address to listen on (HOST); 127.0.0.1 by default, so only this machine reaches the endpoints. */
  host: string;
  /** Where readers reach the server (PUBLIC_URL, without a trailing slash); unset: http://host:port as bound. */
  publicUrl?: string;
  /** Token of the operator status page (STORYWATCH_STATUS_TOKEN); unset: no status page. */
  statusToken?: string;
  discord: { publicKey?: string; applicationId?: string; mode: 'gateway' | 'http' };
  slack: { signingSecret?: string; appToken?: string; adminUserIds: string[]; commandPrefix?: string };
  /** Discord and Slack user ids that may do everything, operator-level feeds included (STORYWATCH_OPERATORS). */
  operators: string[];
}

/** A platform's token and, for proxies and tests, its API base. */
export interface ChatAccess {
  token: string;
  apiUrl?: string;
}

function chatAccess(token: string | undefined, apiUrl: string | undefined): ChatAccess | undefined {
  return token === undefined ? undefined : { token, ...(apiUrl ? { apiUrl } : {}) };
}

/** What replaces each key of the removed `workers` section of storywatch.yml (decision 017). */
const WORKERS_REPLACED: Record<string, string> = {
  pollConcurrency: 'use poll.concurrency in schedules.yml',
  tickMs: 'use poll.tick in schedules.yml',
  jobExpireSeconds: 'use fetch.leaseSeconds',
  maintenanceSeconds: 'no replacement: there is no job queue any more',
};

/** The warning for a storywatch.yml that still has the pg-boss `workers` section, or none. */
function workersWarning(file: string, workers: unknown): string[] {
  if (workers === undefined) return [];
  const keys = workers !== null && typeof workers === 'object' ? Object.keys(workers) : [];
  const replaced = keys.map((k) => `workers.${k}: ${WORKERS_REPLACED[k] ?? 'no replacement'}`);
  return [
    `${file}: workers is deprecated and ignored (decision 017): every storywatch run on one database shares the feeds and deliveries through the store, without a job queue. Remove the section${replaced.length > 0 ? `; ${replaced.join('; ')}` : ''}.`,
  ];
}

function readDocument(file: string): Result<unknown> {
  try {
    const text = readFileSync(file, 'utf8');
    return ok(file.endsWith('.json') ? JSON.parse(text) : (parseYaml(text) ?? {}));
  } catch (e) {
    return err('CONFIG_INVALID', `${file}: cannot be read as ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message}`);
  }
}

/** Reads one config file against its schema; a missing optional file gives the schema's defaults. */
export function loadConfigFile<S extends z.ZodType>(file: string, schema: S, required = false): Result<z.output<S>> {
  if (!existsSync(file)) {
    if (required) return err('CONFIG_MISSING', `${file}: file not found`);
    return parseWith(file, schema, {});
  }
  const doc = readDocument(file);
  if (!doc.ok) return doc;
  return parseWith(file, schema, doc.value);
}

function parseWith<S extends z.ZodType>(file: string, schema: S, value: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return err('CONFIG_INVALID', describeIssues(file, parsed.error));
  return ok(parsed.data);
}

const WEIGHTS_SUFFIX = weightsFileName('');

/** A story's learned weights from `<id>.weights.yml` next to it, or null when there is no such file. */
export function loadWeights(file: string, storyId: string): Result<LearnedWeights | null> {
  if (!existsSync(file)) return ok(null);
  const loaded = loadConfigFile(file, weightsFileSchema, true);
  if (!loaded.ok) return loaded;
  if (loaded.value.story !== storyId) return err('CONFIG_INVALID', `${file}: story: expected "${storyId}", got "${loaded.value.story}"`);
  const { bias, threshold, weights } = loaded.value;
  return ok({ file, bias, threshold, weights });
}

function loadStories(dir: string): Result<StoryConfig[]> {
  const storiesDir = path.join(dir, 'stories');
  if (!existsSync(storiesDir)) return ok([]);
  const files = readdirSync(storiesDir).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith(WEIGHTS_SUFFIX)).sort();
  try {
    baseTaxonomy(); // stories are validated against it: a broken base file is reported as such, once
  } catch (e) {
    if (e instanceof TaxonomyError) return err('CONFIG_INVALID', e.message);
    throw e;
  }
  const stories: StoryConfig[] = [];
  const problems: string[] = [];
  for (const name of files) {
    const file = path.join(storiesDir, name);
    const story = loadConfigFile(file, storySchema, true);
    if (!story.ok) {
      problems.push(story.error.message);
      continue;
    }
    const expectedId = name.replace(/\.(ya?ml|json)$/, '');
    if (story.value.id !== expectedId) problems.push(`${file}: id: expected "${expectedId}" (the file name), got "${story.value.id}"`);
    const weights = loadWeights(path.join(storiesDir, weightsFileName(story.value.id)), story.value.id);
    if (!weights.ok) problems.push(weights.error.message);
    stories.push(weights.ok && weights.value ? { ...story.value, learnedWeights: weights.value } : story.value);
  }
  return problems.length > 0 ? err('CONFIG_INVALID', problems.join('\n')) : ok(stories);
}

/**
 * Loads and validates the whole configuration folder. Any invalid file fails the load with
 * CONFIG_INVALID and a message naming each file, field and what was expected.
 */
export function loadConfig(env: Env, cwd = process.cwd()): Result<AppConfig> {
  const dir = path.resolve(cwd, env.STORYWATCH_CONFIG_DIR ?? 'config');
  if (!existsSync(dir)) return err('CONFIG_MISSING', `${dir}: configuration folder not found (set STORYWATCH_CONFIG_DIR or --config)`);
  const settings = loadConfigFile(path.join(dir, 'storywatch.yml'), settingsFileSchema);
  const schedules = loadConfigFile(path.join(dir, 'schedules.yml'), schedulesFileSchema);
  const feedsFile = loadConfigFile(path.join(dir, 'feeds.yml'), feedsFileSchema);
  const stories = loadStories(dir);
  const problems = [settings, schedules, feedsFile, stories].flatMap((r) => (r.ok ? [] : [r.error.message]));
  if (!settings.ok || !schedules.ok || !feedsFile.ok || !stories.ok) return err('CONFIG_INVALID', problems.join('\n'));

  const { workers, ops: opsSection, ...resolvedSettings } = settings.value;
  const ops = resolveOps(opsSection, env.STORYWATCH_OPS_CHANNELS);
  if (!ops.ok) return ops;
  if (env.STORYWATCH_ALLOW_PRIVATE_NETWORKS !== undefined) resolvedSettings.fetch.allowPrivateNetworks = env.STORYWATCH_ALLOW_PRIVATE_NETWORKS;
  if (env.LOG_LEVEL) resolvedSettings.log.level = env.LOG_LEVEL;
  const defaultInterval = schedules.value.poll.defaultInterval;
  const feeds: FeedInput[] = feedsFile.value.feeds.map((f) => ({
    // Stored and compared normalized, like `feeds add`: spellings of one feed are one feed.
    url: normalizeFeedUrl(f.url),
    name: f.name ?? new URL(f.url).hostname,
    language: f.language ?? null,
    intervalSec: f.interval ?? defaultInterval,
  }));
  return ok({
    dir,
    settings: resolvedSettings,
    schedules: schedules.value,
    feeds,
    stories: stories.value,
    databasePath: path.resolve(cwd, env.STORYWATCH_DB ?? resolvedSettings.database),
    postgres: env.DATABASE_URL ? { url: env.DATABASE_URL, ...(env.DATABASE_SCHEMA ? { schema: env.DATABASE_SCHEMA } : {}) } : null,
    serve: {
      port: env.PORT ?? 3000,
      host: env.HOST ?? '127.0.0.1',
      ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL.replace(/\/+$/, '') } : {}),
      ...(env.STORYWATCH_STATUS_TOKEN ? { statusToken: env.STORYWATCH_STATUS_TOKEN } : {}),
      discord: { publicKey: env.DISCORD_PUBLIC_KEY, applicationId: env.DISCORD_APPLICATION_ID, mode: env.DISCORD_MODE ?? (env.DISCORD_PUBLIC_KEY ? 'http' : 'gateway') },
      slack: { signingSecret: env.SLACK_SIGNING_SECRET, appToken: env.SLACK_APP_TOKEN, adminUserIds: (env.SLACK_ADMIN_USERS ?? '').split(',').map((u) => u.trim()).filter(Boolean), commandPrefix: env.SLACK_COMMAND_PREFIX },
      operators: (env.STORYWATCH_OPERATORS ?? '').split(',').map((u) => u.trim()).filter(Boolean),
    },
    ops: ops.value,
    ...(env.STORYWATCH_CHART_FONT ? { chartFont: env.STORYWATCH_CHART_FONT } : {}),
    warnings: workersWarning(path.join(dir, 'storywatch.yml'), workers),
    chat: {
      ...(env.DISCORD_TOKEN ? { discord: chatAccess(env.DISCORD_TOKEN, env.DISCORD_API_URL) } : {}),
      ...(env.SLACK_BOT_TOKEN ? { slack: chatAccess(env.SLACK_BOT_TOKEN, env.SLACK_API_URL) } : {}),
    },
  });
}
