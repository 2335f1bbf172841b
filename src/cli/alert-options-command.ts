import type { Command } from 'commander';
import { z } from 'zod';
import { alertOptionsCommand } from '../../commands/alert-options.js';
import { cliContext } from './cli-audit.js';
import { runDefinition } from './run-definition.js';
import { inputError, withApp, type GlobalOptions } from './with-app.js';

const platformFlag = z.enum(['discord', 'slack'], { message: 'expected discord or slack' });

/**
 * Registers `alert-options` (decision 024): the `/alert-options` definition from the command line,
 * audited as the CLI: a thread per development's alert, and the role or user group pinged on chosen kinds.
 */
export function registerAlertOptionsCommand(program: Command): void {
  program
    .command('alert-options')
    .description("how a channel's alerts are posted: a thread per development (--threads on), a ping on chosen kinds (--ping, --kinds)")
    .requiredOption('--platform <platform>', 'discord | slack')
    .requiredOption('--channel <id>', 'channel id')
    .option('--story <id>', 'story id (may be omitted when one story is configured)')
    .option('--threads <on|off>', 'open a thread per new development; later sources reply there')
    .option('--ping <id|off>', 'Discord role id or Slack user group id (S…) to mention, or off')
    .option('--kinds <list>', 'development kinds that ping, comma-separated (e.g. military_strike,casualties)')
    .action(async (o: { platform: string; channel: string; story?: string; threads?: string; ping?: string; kinds?: string }) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print) => {
        const platform = platformFlag.safeParse(o.platform);
        if (!platform.success) throw inputError('ALERT_OPTIONS_INVALID', `--platform: ${platform.error.issues[0]?.message ?? 'invalid'}`);
        const ctx = cliContext(app, { platform: platform.data, channelId: o.channel });
        const raw = { threads: o.threads, ping: o.ping, kinds: o.kinds, story: o.story };
        const saved = await runDefinition(alertOptionsCommand, raw, ctx, 'ALERT_OPTIONS_INVALID');
        const ping = saved.ping ? `ping ${saved.ping.target} on ${saved.ping.kinds.join(', ')}` : 'no ping';
        print(`Alert options of ${o.platform} channel ${o.channel}: threads ${saved.threads ? 'on' : 'off'}, ${ping}.`);
      });
    });
}
