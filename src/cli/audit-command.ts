import type { Command } from 'commander';
import type { AuditRecord } from '../core/audit.js';
import { inputError, withApp, type GlobalOptions } from './with-app.js';

function line(e: AuditRecord): string {
  const where = e.platform === 'cli' ? 'cli' : `${e.platform}:${e.tenantId ?? 'DM'}`;
  return [e.at.toISOString().replace(/\.\d{3}Z$/, 'Z'), where, e.userId, e.action, e.target ?? '-', e.outcome.toUpperCase(), e.detail ?? '']
    .join('  ')
    .trimEnd();
}

/** Registers `audit [--limit N] [--json]`: who changed what, where, newest first. */
export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('list the audit log (every change and refusal: when, where, who, what, outcome), newest first')
    .option('--limit <n>', 'at most this many entries', '50')
    .option('--json', 'print JSON')
    .action((options: { limit: string; json?: boolean }, cmd: Command) =>
      withApp(cmd.optsWithGlobals<GlobalOptions>(), async (app, out) => {
        if (!/^\d{1,6}$/.test(options.limit) || Number(options.limit) < 1) throw inputError('AUDIT_INVALID', '--limit: expected a whole number of at least 1');
        const entries = await app.store.listAudit({ limit: Number(options.limit) });
        if (options.json) out(JSON.stringify(entries, null, 2));
        else if (entries.length === 0) out('No audit entries yet.');
        else entries.forEach((e) => out(line(e)));
      }),
    );
}
