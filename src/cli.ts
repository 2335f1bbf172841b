#!/usr/bin/env node
import { Command } from 'commander';
import { modulesFor } from './cli/command-modules.js';
import { exitQuietlyOnClosedPipe, guardUncaught, reportFatal, requestedLogLevel } from './cli/guard.js';
import { rawLogLevel } from './config/env.js';
import { LOG_LEVELS } from './core/logger.js';
import { packageVersion } from './core/version.js';

/**
 * Builds the `storywatch` command line with the commands `args` needs: only the module of the
 * command asked for is imported, so a command starts without loading what the others use.
 */
async function buildProgram(args: readonly string[]): Promise<Command> {
  const program = new Command('storywatch')
    .description('Watches news feeds for a story and keeps a chat team up to date on it.')
    .option('--config <dir>', 'configuration folder (default: ./config, or STORYWATCH_CONFIG_DIR)')
    .option('--db <file>', 'SQLite database file (default: from storywatch.yml, or STORYWATCH_DB)')
    .option('--allow-private-networks', 'allow feeds on private/loopback addresses (tests, local demos)')
    .option('--log-level <level>', LOG_LEVELS.join('|'))
    .version(packageVersion(), '-V, --version', 'print the storywatch version')
    .showHelpAfterError();
  const registers = await Promise.all(modulesFor(args, program).map((m) => m.load()));
  for (const register of registers) register(program);
  return program;
}

let logLevel: string | undefined;
try {
  const args = process.argv.slice(2);
  logLevel = requestedLogLevel(args, rawLogLevel());
  exitQuietlyOnClosedPipe(logLevel);
  guardUncaught(logLevel);
  await (await buildProgram(args)).parseAsync(process.argv);
} catch (error) {
  reportFatal(error, logLevel);
}
