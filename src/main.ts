import { systemClock, type Clock } from './core/clock.js';
import { createLogger, type Logger } from './core/logger.js';
import { err, ok, type Result } from './core/result.js';
import { readEnv } from './config/env.js';
import { loadConfig, type AppConfig } from './config/load.js';
import type { CommandServices } from '../commands/command.js';
import { Dispatcher } from './delivery/dispatch.js';
import { withDigestChart } from './delivery/digest-chart.js';
import { lazySender } from './delivery/lazy-sender.js';
import type { Sender } from './delivery/message.js';
import type { Platform } from './core/subscription.js';
import { createHttpFetcher } from './pipeline/fetch/http-fetcher.js';
import { compileStory, type CompiledStory } from './pipeline/match/compile-story.js';
import type { Http } from './pipeline/fetch/types.js';
import type { Poller } from './scheduler/poller.js';
import type { Store } from './store/ports.js';
import { openSqliteStore } from './store/sqlite/sqlite-store.js';

/** Everything a command needs, wired from config and environment. */
export interface App {
  config: AppConfig;
  store: Store;
  http: Http;
  clock: Clock;
  log: Logger;
  /** The configured stories, compiled for matching on first use (commands that do not match never compile them). */
  readonly stories: CompiledStory[];
  /** Senders of the platforms that are on (a token is set). */
  senders: Partial<Record<Platform, Sender>>;
  /** Creates the outbox dispatcher. */
  dispatcher(): Dispatcher;
  /** What slash-command handlers may use. */
  commandServices(): CommandServices;
  /** Creates the feed poller with the configured limits (the fetch-to-timeline pipeline loads here); `onAlert` is called when an item made an alert. */
  poller(onReport?: ConstructorParameters<typeof Poller>[2], onAlert?: () => void): Promise<Poller>;
  close(): Promise<void>;
}

/** Overrides given on the command line; they win over the environment and the config files. */
export interface AppOverrides {
  configDir?: string;
  database?: string;
  allowPrivateNetworks?: boolean;
  logLevel?: string;
}

/** fetch.leaseSeconds, or by default one fetch deadline plus a minute to store and match what it brought. */
function feedLeaseMs(config: AppConfig): number {
  const { leaseSeconds, timeoutMs } = config.settings.fetch;
  return leaseSeconds === undefined ? timeoutMs + 60_000 : leaseSeconds * 1000;
}

/** Reads the environment and the config files, with command-line overrides applied. */
export function loadAppConfig(overrides: AppOverrides = {}, env: NodeJS.ProcessEnv = process.env): Result<AppConfig> {
  let parsedEnv;
  try {
    parsedEnv = readEnv(env);
  } catch (e) {
    return err('CONFIG_INVALID', (e as Error).message.replace(/^CONFIG_INVALID: /, ''));
  }
  const loaded = loadConfig({
    ...parsedEnv,
    ...(overrides.configDir ? { STORYWATCH_CONFIG_DIR: overrides.configDir } : {}),
    ...(overrides.database ? { STORYWATCH_DB: overrides.database } : {}),
  });
  if (!loaded.ok) return loaded;
  if (overrides.allowPrivateNetworks !== undefined) loaded.value.settings.fetch.allowPrivateNetworks = overrides.allowPrivateNetworks;
  return loaded;
}

/**
 * Wires config → store (SQLite, or PostgreSQL with DATABASE_URL; `--db` always means SQLite) →
 * fetcher → senders → logger. The only place that reads `process.env`. Configuration problems come
 * back as CONFIG_* errors naming the file and field.
 */
export async function openApp(overrides: AppOverrides = {}, env: NodeJS.ProcessEnv = process.env): Promise<Result<App>> {
  const loaded = loadAppConfig(overrides, env);
  if (!loaded.ok) return loaded;
  const config = loaded.value;
  const log = createLogger(overrides.logLevel ?? config.settings.log.level);
  for (const warning of config.warnings) log.warn(warning);
  let store: Store;
  try {
    store =
      config.postgres && !overrides.database
        ? await (
            await import('./store/postgres/pg-store.js')
          ).openPostgresStore(config.postgres.url, config.postgres.schema ? { schema: config.postgres.schema } : {})
        : openSqliteStore(config.databasePath);
  } catch (e) {
    const where = config.postgres && !overrides.database ? 'DATABASE_URL' : config.databasePath;
    return err('STORE_OPEN_FAILED', `${where}: ${(e as Error).message}`);
  }
  const http = createHttpFetcher(config.settings.fetch);
  let compiled: CompiledStory[] | undefined;
  const stories = (): CompiledStory[] => (compiled ??= config.stories.map((story) => compileStory(story)));
  const { discord, slack } = config.chat;
  // Platform libraries load with the first message sent, not with every command.
  // Digests carry the story's chart (decision 031).
  const charts = { store, stories: config.stories, log, ...(config.chartFont ? { font: { family: config.chartFont } } : {}) };
  const senders: Partial<Record<Platform, Sender>> = {
    ...(discord
      ? {
          discord: withDigestChart(
            lazySender('discord', async () => (await import('./adapters/discord/discord-sender.js')).createDiscordSender(discord)),
            charts,
          ),
        }
      : {}),
    ...(slack
      ? {
          slack: withDigestChart(
            lazySender('slack', async () => (await import('./adapters/slack/slack-sender.js')).createSlackSender(slack)),
            charts,
          ),
        }
      : {}),
  };
  const dispatcher = (): Dispatcher =>
    new Dispatcher({
      store,
      senders,
      stories: config.stories,
      clock: systemClock,
      log,
      claimMs: config.settings.delivery.claimSeconds * 1000,
      authProbeMs: config.settings.delivery.authProbeSeconds * 1000,
      ops: config.ops,
    });
  const app: App = {
    config,
    store,
    http,
    clock: systemClock,
    log,
    get stories() {
      return stories();
    },
    senders,
    dispatcher,
    commandServices: () => ({
      store,
      http,
      clock: systemClock,
      log,
      get stories() {
        return stories();
      },
      storyConfigs: config.stories,
      dispatch: () => dispatcher().dispatchDue(),
      defaultIntervalSec: config.schedules.poll.defaultInterval,
      operators: config.serve.operators,
    }),
    poller: async (onReport, onAlert) =>
      new (await import('./scheduler/poller.js')).Poller(
        {
          store,
          http,
          clock: systemClock,
          log,
          stories: stories(),
          pauseAfterNotFound: config.schedules.poll.pauseAfterNotFound,
          ops: config.ops,
          ...(onAlert ? { onAlert } : {}),
        },
        { ...config.schedules.poll, leaseMs: feedLeaseMs(config) },
        onReport,
      ),
    close: () => store.close(),
  };
  return ok(app);
}
