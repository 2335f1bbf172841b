/** Who an alert mentions, and on which development kinds (decision 024). */
export interface AlertPing {
  /** A Discord role id (snowflake) or a Slack user group id (S…); never taken from feed text. */
  target: string;
  /** Development kinds whose alerts mention the target (e.g. `military_strike`). */
  kinds: string[];
}

/** How a subscription's alerts are posted beyond the message itself (decision 024). */
export interface AlertSettings {
  /** Each new development's alert opens a thread; its later sources are replies there. */
  threads: boolean;
  /** The role or user group mentioned on chosen kinds, or null for none. */
  ping: AlertPing | null;
}

/** A subscription's settings as stored, with who changed them last and when. */
export interface StoredAlertSettings extends AlertSettings {
  subscriptionId: number;
  updatedAt: Date;
  updatedBy: string;
}

/** What a subscription without stored settings does: no threads, no pings (the behaviour before decision 024). */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = { threads: false, ping: null };

/** A Discord role id: a snowflake. */
export const DISCORD_ROLE_ID = /^\d{17,20}$/u;
/** A Slack user group id, as `<!subteam^ID>` takes it. */
export const SLACK_GROUP_ID = /^S[A-Z0-9]{2,20}$/u;

/** Why `target` cannot be a ping target on `platform`, or null when it can. */
export function pingTargetProblem(platform: 'discord' | 'slack', target: string): string | null {
  if (platform === 'discord') return DISCORD_ROLE_ID.test(target) ? null : 'expected a Discord role (its id, 17–20 digits)';
  return SLACK_GROUP_ID.test(target) ? null : 'expected a Slack user group id such as S0123ABCD';
}

/** The ping of an alert about developments of these kinds: the target when one of them is chosen, else null. */
export function pingFor(settings: AlertSettings, kinds: readonly string[]): string | null {
  const ping = settings.ping;
  return ping && kinds.some((k) => ping.kinds.includes(k)) ? ping.target : null;
}
