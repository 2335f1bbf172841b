import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, commandName, modulesFor } from '../src/cli/command-modules.js';

/** A program with the CLI's own options, as src/cli.ts builds it. */
function program(): Command {
  return new Command('storywatch')
    .option('--config <dir>')
    .option('--db <file>')
    .option('--allow-private-networks')
    .option('--log-level <level>')
    .version('0.0.0', '-V, --version');
}

describe('CLI command modules', () => {
  it('lists exactly the top-level commands each module registers', async () => {
    for (const module of COMMAND_MODULES) {
      const p = program();
      (await module.load())(p);
      expect(p.commands.map((c) => c.name()).sort()).toEqual([...module.names].sort());
    }
  });

  it('gives each command name to one module only', () => {
    const names = COMMAND_MODULES.flatMap((m) => m.names);
    expect(new Set(names).size).toBe(names.length);
  });

  it('finds the command after the global options and their values', () => {
    expect(commandName(['feeds', 'list'], program())).toBe('feeds');
    expect(commandName(['--db', 'x.db', '--config', 'cfg', 'feeds', 'list'], program())).toBe('feeds');
    expect(commandName(['--db=x.db', '--allow-private-networks', 'run', '--once'], program())).toBe('run');
    expect(commandName(['--log-level', 'debug', 'timeline'], program())).toBe('timeline');
    expect(commandName(['--db', 'x.db'], program())).toBeUndefined();
    expect(commandName(['--', 'feeds'], program())).toBeUndefined();
  });

  it('loads only the module of the command asked for', () => {
    expect(modulesFor(['--db', 'x.db', 'subscriptions', 'list'], program()).map((m) => m.names)).toEqual([
      ['subscribe', 'unsubscribe', 'subscriptions', 'digest'],
    ]);
    expect(modulesFor(['eval', '--input', 'x'], program()).map((m) => m.names)).toEqual([['match', 'eval']]);
  });

  it('loads none for --version and all for help, no command or an unknown one', () => {
    expect(modulesFor(['--version'], program())).toEqual([]);
    expect(modulesFor(['-V'], program())).toEqual([]);
    for (const args of [[], ['--help'], ['-h'], ['help', 'feeds'], ['fedds'], ['--version', '--help']]) {
      expect(modulesFor(args, program())).toBe(COMMAND_MODULES);
    }
  });
});
