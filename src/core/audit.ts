/** Where a change was asked for: a chat platform, or the command line. */
export type AuditPlatform = 'discord' | 'slack' | 'cli';

/** One state-changing command or refusal: who, where, what, and how it ended. */
export interface AuditEntry {
  at: Date;
  platform: AuditPlatform;
  /** Discord guild id or Slack team id; null for the CLI and DMs. */
  tenantId: string | null;
  /** Platform user id, or the OS user name for the CLI. */
  userId: string;
  /** What was asked, e.g. `feeds.remove`, `subscribe`. */
  action: string;
  /** What it was about: a feed id or URL, a channel. */
  target: string | null;
  outcome: 'ok' | 'refused' | 'error';
  detail: string | null;
}

/** An audit entry as stored. */
export interface AuditRecord extends AuditEntry {
  id: number;
}
