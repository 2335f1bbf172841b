import { userInfo } from 'node:os';
import type { AuditEntry } from '../core/audit.js';
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
 * Records a CLI change in the audit log as platform `cli`, by the OS user, acting as operator.
 * A failure to record is logged, never thrown: the change itself already happened.
 */
export async function auditCli(app: App, action: string, target: string | null, outcome: AuditEntry['outcome'], detail: string | null = null): Promise<void> {
  const entry: AuditEntry = { at: app.clock.now(), platform: 'cli', tenantId: null, userId: cliUser(), action, target, outcome, detail };
  try {
    await app.store.recordAudit(entry);
  } catch (error) {
    app.log.error({ err: error, audit: entry }, 'could not record the audit entry');
  }
}
