#!/usr/bin/env node
import { Command } from 'commander';
import { registerDemoCommand } from './cli/demo-command.js';
import { registerFeedsCommands } from './cli/feeds-commands.js';
import { registerMatchCommands } from './cli/match-commands.js';
import { registerReplayCommand } from './cli/replay-command.js';
import { registerStoryCommands } from './cli/story-commands.js';
import { registerServeCommand } from './cli/serve-command.js';
import { registerCommandsCommand } from './cli/commands-command.js';
import { registerSubscriptionCommands } from './cli/subscription-commands.js';
import { registerRunCommand } from './cli/run-command.js';
import { exitQuietlyOnClosedPipe, guardUncaught, reportFatal, requestedLogLevel } from './cli/guard.js';
import { rawLogLevel } from './config/env.js';
import { LOG_LEVELS } from './core/logger.js';
import { packageVersion } from './core/version.js';
import { registerAuditCommand } from './cli/audit-command.js';
import { registerTrainCommand } from './cli/train-command.js';

/** Builds the `storywatch` command line. */
function buildProgram(): Command {
  const program = new Command('storywatch')
    .description('Watches news feeds for a story and keeps a chat team up to date on it.')
    .option('--config <dir>', 'configuration folder (default: ./config, or STORYWATCH_CONFIG_DIR)')
    .option('--db <file>', 'SQLite database file (default: from storywatch.yml, or STORYWATCH_DB)')
    .option('--allow-private-networks', 'allow feeds on private/loopback addresses (tests, local demos)')
    .option('--log-level <level>', LOG_LEVELS.join('|'))
    .version(packageVersion(), '-V, --version', 'print the storywatch version')
    .showHelpAfterError();
  registerFeedsCommands(program);
  registerRunCommand(program);
  registerMatchCommands(program);
  registerTrainCommand(program);
  registerReplayCommand(program);
  registerStoryCommands(program);
  registerSubscriptionCommands(program);
  registerServeCommand(program);
  registerCommandsCommand(program);
  registerDemoCommand(program);
  registerAuditCommand(program);
  return program;
}

let logLevel: string | undefined;
try {
  logLevel = requestedLogLevel(process.argv.slice(2), rawLogLevel());
  exitQuietlyOnClosedPipe(logLevel);
  guardUncaught(logLevel);
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  reportFatal(error, logLevel);
}
