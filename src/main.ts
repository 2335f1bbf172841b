import { systemClock, type Clock } from './core/clock.js';
import { createLogger, type Logger } from './core/logger.js';
import { err, ok, type Result } from './core/result.js';
import { readEnv } from './config/env.js';
import { loadConfig, type AppConfig } from './config/load.js';
import type { CommandServices } from '../commands/command.js';
import { createDiscordSender } from './adapters/discord/discord-sender.js';
import { createSlackSender } from './adapters/slack/slack-sender.js';
import { Dispatcher } from './delivery/dispatch.js';
import type { Sender } from './delivery/message.js';
import type { Platform } from './core/subscription.js';
import { createHttpFetcher } from './pipeline/fetch/http-fetcher.js';
import { compileStory, type CompiledStory } from './pipeline/match/compile-story.js';
import type { Http } from './pipeline/fetch/types.js';
import { Poller } from './scheduler/poller.js';
import type { Store } from './store/ports.js';
import { openPostgresStore } from './store/postgres/pg-store.js';
import { openSqliteStore } from './store/sqlite/sqlite-store.js';

/** Everything a command needs, wired from config and environment. */
export interface App {
  config: AppConfig;
  store: Store;
  http: Http;
  clock: Clock;
  log: Logger;
  /** The configured stories, compiled for matching. */
  stories: CompiledStory[];
  /** Senders of the platforms that are on (a token is set). */
  senders: Partial<Record<Platform, Sender>>;
  /** Creates the outbox dispatcher. */
  dispatcher(): Dispatcher;
  /** What slash-command handlers may use. */
  commandServices(): CommandServices;
  /** Creates the feed poller with the configured limits. */
  poller(onReport?: ConstructorParameters<typeof Poller>[2]): Poller;
  close(): Promise<void>;
}

/** Overrides given on the command line; they win over the environment and the config files. */
export interface AppOverrides {
  configDir?: string;
  database?: string;
  allowPrivateNetworks?: boolean;
  logLevel?: string;
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
  let store: Store;
  try {
    store = config.postgres && !overrides.database
      ? await openPostgresStore(config.postgres.url, config.postgres.schema ? { schema: config.postgres.schema } : {})
      : openSqliteStore(config.databasePath);
  } catch (e) {
    const where = config.postgres && !overrides.database ? 'DATABASE_URL' : config.databasePath;
    return err('STORE_OPEN_FAILED', `${where}: ${(e as Error).message}`);
  }
  const http = createHttpFetcher(config.settings.fetch);
  const stories = config.stories.map((story) => compileStory(story));
  const senders: Partial<Record<Platform, Sender>> = {
    ...(config.chat.discord ? { discord: createDiscordSender(config.chat.discord) } : {}),
    ...(config.chat.slack ? { slack: createSlackSender(config.chat.slack) } : {}),
  };
  const dispatcher = (): Dispatcher =>
    new Dispatcher({
      store, senders, stories: config.stories, clock: systemClock, log,
      claimMs: config.settings.delivery.claimSeconds * 1000,
      authProbeMs: config.settings.delivery.authProbeSeconds * 1000,
    });
  const app: App = {
    config,
    store,
    http,
    clock: systemClock,
    log,
    stories,
    senders,
    dispatcher,
    commandServices: () => ({
      store, stories, storyConfigs: config.stories, http, clock: systemClock, log,
      dispatch: () => dispatcher().dispatchDue(),
      operators: config.serve.operators,
    }),
    poller: (onReport) =>
      // A feed's lease covers its fetch (one deadline) plus a minute to store and match what it brought.
      new Poller({ store, http, clock: systemClock, log, stories, pauseAfterNotFound: config.schedules.poll.pauseAfterNotFound }, { ...config.schedules.poll, leaseMs: config.settings.fetch.timeoutMs + 60_000 }, onReport),
    close: () => store.close(),
  };
  return ok(app);
}
