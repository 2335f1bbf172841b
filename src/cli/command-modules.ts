import type { Command } from 'commander';

/** Adds one module's commands to the program. */
export type Register = (program: Command) => void;

/** A module of CLI commands: the top-level commands it registers, and how to load it. */
export interface CommandModule {
  names: readonly string[];
  load: () => Promise<Register>;
}

/**
 * Every CLI command module, in the order `--help` lists them. Only the module of the command asked
 * for is imported (a command's dependencies load with it); a name not listed here loads them all,
 * so a command missing from this table still works, only slower to start.
 */
export const COMMAND_MODULES: readonly CommandModule[] = [
  { names: ['feeds'], load: async () => (await import('./feeds-commands.js')).registerFeedsCommands },
  { names: ['run'], load: async () => (await import('./run-command.js')).registerRunCommand },
  { names: ['match', 'eval'], load: async () => (await import('./match-commands.js')).registerMatchCommands },
  { names: ['train'], load: async () => (await import('./train-command.js')).registerTrainCommand },
  { names: ['replay'], load: async () => (await import('./replay-command.js')).registerReplayCommand },
  { names: ['timeline', 'ask'], load: async () => (await import('./story-commands.js')).registerStoryCommands },
  { names: ['reindex'], load: async () => (await import('./reindex-command.js')).registerReindexCommand },
  {
    names: ['subscribe', 'unsubscribe', 'subscriptions', 'digest'],
    load: async () => (await import('./subscription-commands.js')).registerSubscriptionCommands,
  },
  { names: ['alert-options'], load: async () => (await import('./alert-options-command.js')).registerAlertOptionsCommand },
  { names: ['serve'], load: async () => (await import('./serve-command.js')).registerServeCommand },
  { names: ['commands'], load: async () => (await import('./commands-command.js')).registerCommandsCommand },
  { names: ['demo'], load: async () => (await import('./demo-command.js')).registerDemoCommand },
  { names: ['audit'], load: async () => (await import('./audit-command.js')).registerAuditCommand },
  { names: ['labels'], load: async () => (await import('./labels-command.js')).registerLabelsCommand },
];

/**
 * The command named on a command line (`args` without node and the script), skipping the program's
 * own options and their values (`--db x feeds list` names `feeds`); undefined when there is none.
 */
export function commandName(args: readonly string[], program: Command): string | undefined {
  const takesValue = new Set(
    program.options
      .filter((o) => o.required || o.optional)
      .flatMap((o) => [o.long, o.short])
      .filter((f): f is string => f !== undefined),
  );
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--') return undefined;
    if (!arg.startsWith('-')) return arg;
    if (takesValue.has(arg)) i += 1;
  }
  return undefined;
}

/**
 * The modules a command line needs: the one that registers its command; none for a bare
 * `--version`; all of them for `--help`, `help`, no command or one this table does not know.
 */
export function modulesFor(args: readonly string[], program: Command, modules: readonly CommandModule[] = COMMAND_MODULES): readonly CommandModule[] {
  const name = commandName(args, program);
  if (name === undefined) {
    const versionOnly = args.some((a) => a === '-V' || a === '--version') && !args.some((a) => a === '-h' || a === '--help');
    return versionOnly ? [] : modules;
  }
  const own = modules.find((m) => m.names.includes(name));
  return own ? [own] : modules;
}
