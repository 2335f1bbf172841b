import net from 'node:net';
import { z } from 'zod';
import { LOG_LEVELS } from '../core/logger.js';

const booleanString = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** An address to listen on: an IPv4/IPv6 address or a host name (e.g. 127.0.0.1, 0.0.0.0, ::, localhost). */
export const listenHostSchema = z.string().refine(
  (v) => net.isIP(v) !== 0 || /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(v),
  { message: 'expected an IP address or host name to listen on, e.g. 127.0.0.1 or 0.0.0.0' },
);

/** The environment variables storywatch reads. Secrets live here, never in config files. */
export const envSchema = z.object({
  /** Folder holding feeds.yml, schedules.yml, storywatch.yml and stories/. Default ./config. */
  STORYWATCH_CONFIG_DIR: z.string().min(1).optional(),
  /** SQLite database file; overrides `database` in storywatch.yml. */
  STORYWATCH_DB: z.string().min(1).optional(),
  /** postgres://… — use PostgreSQL instead of SQLite; every `storywatch run` pointed at it shares the work. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional(),
  /** PostgreSQL schema for storywatch's tables (default public). */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'expected a lowercase schema name').optional(),
  /** Overrides `fetch.allowPrivateNetworks`. */
  STORYWATCH_ALLOW_PRIVATE_NETWORKS: booleanString.optional(),
  /** Discord bot token; without it Discord delivery is off. */
  DISCORD_TOKEN: z.string().min(1).optional(),
  /** Discord REST base, for proxies and tests (e.g. http://127.0.0.1:8080/api); the gateway's address comes from its GET /gateway/bot. */
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Slack bot token (xoxb-…); without it Slack delivery is off. */
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  /** Slack Web API base, for proxies and tests (e.g. http://127.0.0.1:8081/api/); Socket Mode asks its apps.connections.open where to connect. */
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** HTTP port of `storywatch serve` (health check and interaction endpoints). */
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Address `storywatch serve` listens on; default 127.0.0.1 (loopback only). 0.0.0.0 for every interface (containers). */
  HOST: listenHostSchema.optional(),
  /** The address readers reach `storywatch serve` at (e.g. https://news.example.org): the links of story pages and feeds. Default http://HOST:PORT. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Operator token of the status page GET /status (Bearer header or its login form); unset: no status page. */
  STORYWATCH_STATUS_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
  /** Discord application's public key (hex): enables the HTTP interactions endpoint. */
  DISCORD_PUBLIC_KEY: z.string().regex(/^[0-9a-f]{64}$/i, 'expected 64 hex characters').optional(),
  /** Discord application id, for command registration and follow-ups. */
  DISCORD_APPLICATION_ID: z.string().regex(/^\d{17,20}$/, 'expected a Discord application id').optional(),
  /** `gateway` (default, a discord.js Client) or `http` (interactions endpoint only). */
  DISCORD_MODE: z.enum(['gateway', 'http']).optional(),
  /** Slack signing secret: enables the HTTP endpoint POST /slack/events. */
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  /** Slack app-level token (xapp-…): enables Socket Mode. */
  SLACK_APP_TOKEN: z.string().min(1).optional(),
  /** Slack user ids allowed to run admin commands, comma-separated. */
  SLACK_ADMIN_USERS: z.string().optional(),
  /** Discord and Slack user ids of the operators, comma-separated: they may do everything, operator-level feeds included. */
  STORYWATCH_OPERATORS: z.string().optional(),
  /** Prefix of the Slack command names in the manifest (e.g. "sw-" for /sw-timeline). */
  SLACK_COMMAND_PREFIX: z.string().optional(),
  /** Ops channels, `discord:<id>,slack:<id>` (one per platform); replaces storywatch.yml `ops` channels. */
  STORYWATCH_OPS_CHANNELS: z.string().optional(),
  /** Font family of the digests' chart text (default DejaVu Sans, Debian's fonts-dejavu); any family installed on the system. */
  STORYWATCH_CHART_FONT: z.string().min(1).optional(),
  /** Overrides `log.level`. */
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
});

export type Env = z.infer<typeof envSchema>;

/** LOG_LEVEL as set (unchecked; empty counts as unset), for the CLI to check before anything else runs. */
export function rawLogLevel(source: NodeJS.ProcessEnv = process.env): string | undefined {
  return source.LOG_LEVEL === '' ? undefined : source.LOG_LEVEL;
}

/** Reads and validates the environment; a bad value fails with the variable's name. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`CONFIG_INVALID: environment: ${lines.join('; ')}`);
  }
  return parsed.data;
}
