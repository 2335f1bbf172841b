import { z } from 'zod';

const booleanString = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** The environment variables storywatch reads. Secrets live here, never in config files. */
export const envSchema = z.object({
  /** Folder holding feeds.yml, schedules.yml, storywatch.yml and stories/. Default ./config. */
  STORYWATCH_CONFIG_DIR: z.string().min(1).optional(),
  /** SQLite database file; overrides `database` in storywatch.yml. */
  STORYWATCH_DB: z.string().min(1).optional(),
  /** Overrides `fetch.allowPrivateNetworks`. */
  STORYWATCH_ALLOW_PRIVATE_NETWORKS: booleanString.optional(),
  /** Discord bot token; without it Discord delivery is off. */
  DISCORD_TOKEN: z.string().min(1).optional(),
  /** Discord REST base, for proxies and tests (e.g. http://127.0.0.1:8080/api). */
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Slack bot token (xoxb-…); without it Slack delivery is off. */
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  /** Slack Web API base, for proxies and tests (e.g. http://127.0.0.1:8081/api/). */
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Overrides `log.level`. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Reads and validates the environment; a bad value fails with the variable's name. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`CONFIG_INVALID: environment: ${lines.join('; ')}`);
  }
  return parsed.data;
}
