import { userInfo } from 'node:os';
import { audit, type CommandContext } from '../../commands/command.js';
import type { AuditEntry } from '../core/audit.js';
import type { Platform } from '../core/subscription.js';
import type { App } from '../main.js';

/** The OS user running the CLI (`unknown` when the account has no entry in the user database). */
export function cliUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * The command context of the CLI: the OS user, acting as operator, in no server or workspace, on
 * the channel given with --platform and --channel when there is one. Audited as platform `cli`.
 */
export function cliContext(app: App, channel?: { platform: Platform; channelId: string }): CommandContext {
  return {
    platform: channel?.platform ?? null,
    channelId: channel?.channelId ?? null,
    userId: cliUser(),
    tenantId: null,
    level: 'operator',
    cli: true,
    services: app.commandServices(),
  };
}

/**
 * Records a CLI change in the audit log as platform `cli`, by the OS user, acting as operator (the
 * same path as the slash commands'). A failure to record is logged, never thrown: the change itself already happened.
 */
export async function auditCli(app: App, action: string, target: string | null, outcome: AuditEntry['outcome'], detail: string | null = null): Promise<void> {
  await audit(cliContext(app), action, target, outcome, detail);
}
