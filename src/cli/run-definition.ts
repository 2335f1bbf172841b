import type { z } from 'zod';
import { executeCommand, type CommandContext, type CommandDefinition } from '../../commands/command.js';
import { inputError } from './input-error.js';

/** How a command's options are spelled on the command line, where they differ from `--<option>`. */
export type FlagNames = Readonly<Record<string, string>>;

/**
 * Runs a slash command's definition for the CLI (see `cliContext`): the same validation, rules and
 * audit as in chat. Invalid options are `<invalidCode>: --flag: message; …` (exit 2); a refusal or
 * failure is `CODE: message` (exit 2 when the input was at fault, else 1). Returns what the command
 * did, for the CLI's own output.
 */
export async function runDefinition<D>(
  def: CommandDefinition<z.ZodObject, D>,
  raw: Record<string, unknown>,
  ctx: CommandContext,
  invalidCode: string,
  flags: FlagNames = {},
): Promise<D> {
  const run = await executeCommand(def, raw, ctx);
  if (run.kind === 'invalid') throw inputError(invalidCode, run.issues.map((i) => `${flags[i.option] ?? `--${i.option}`}: ${i.message}`).join('; '));
  const reply = run.kind === 'refused' ? run.reply : run.answer;
  if (reply.failure) throw Object.assign(new Error(`${reply.failure.code}: ${reply.failure.message}`), { exitCode: reply.failure.badInput ? 2 : 1 });
  if (run.kind === 'refused' || run.answer.done === undefined) throw new Error(`/${def.name} gave no result`);
  return run.answer.done;
}
