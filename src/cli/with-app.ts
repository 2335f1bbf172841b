import type { App } from '../main.js';
import { reportFatal } from './guard.js';

export { inputError } from './input-error.js';

/** Options every command accepts. */
export interface GlobalOptions {
  config?: string;
  db?: string;
  allowPrivateNetworks?: boolean;
  logLevel?: string;
}

/** Prints a line of command output. */
export type Out = (line: string) => void;

const out: Out = (line) => process.stdout.write(`${line}\n`);

/**
 * Opens the app for one command, runs it and closes the app. Errors become a one-line message on
 * stderr (with their code; INTERNAL_ERROR for an unexpected one, whose details are logged at debug
 * level only) and a non-zero exit code: 2 for bad configuration or input, 1 otherwise.
 */
export async function withApp(options: GlobalOptions, action: (app: App, print: Out) => Promise<void>): Promise<void> {
  // Loaded here, not at start-up: `--help` and `--version` need none of the app's wiring.
  const { openApp } = await import('../main.js');
  const opened = await openApp({
    configDir: options.config,
    database: options.db,
    allowPrivateNetworks: options.allowPrivateNetworks,
    logLevel: options.logLevel,
  });
  if (!opened.ok) {
    process.stderr.write(`storywatch: ${opened.error.code}:\n${opened.error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const app = opened.value;
  try {
    await app.store.syncFeeds(app.config.feeds, app.clock.now());
    await action(app, out);
  } catch (error) {
    reportFatal(error, options.logLevel ?? app.config.settings.log.level);
  } finally {
    await app.close();
  }
}
