import type { z } from 'zod';
import type { StoryConfig } from '../src/config/story-schema.js';
import type { Clock } from '../src/core/clock.js';
import type { Logger } from '../src/core/logger.js';
import type { DispatchReport } from '../src/delivery/dispatch.js';
import type { Platform } from '../src/core/subscription.js';
import type { AuditEntry } from '../src/core/audit.js';
import type { Http } from '../src/pipeline/fetch/types.js';
import type { CompiledStory } from '../src/pipeline/match/compile-story.js';
import type { Store } from '../src/store/ports.js';

/** What command handlers may use: the store and the stories, never a chat client. */
export interface CommandServices {
  store: Store;
  stories: CompiledStory[];
  storyConfigs: StoryConfig[];
  http: Http;
  clock: Clock;
  log: Logger;
  /** Sends what the outbox holds now (for `/digest now`). */
  dispatch(): Promise<DispatchReport>;
  /** Discord and Slack user ids of the operators (STORYWATCH_OPERATORS): they may do everything. */
  operators?: readonly string[];
}

/** What an asker may do, lowest first: read; subscribe a channel; manage the server's feeds; everything. */
export type AccessLevel = 'member' | 'channel-admin' | 'server-admin' | 'operator';

const LEVELS: readonly AccessLevel[] = ['member', 'channel-admin', 'server-admin', 'operator'];

/** True when `level` is at least `needed`. */
export function allows(level: AccessLevel, needed: AccessLevel): boolean {
  return LEVELS.indexOf(level) >= LEVELS.indexOf(needed);
}

/**
 * The asker's level: an operator (listed in STORYWATCH_OPERATORS) or what the platform grants in
 * this server or workspace. Outside one (a DM) nobody may change anything.
 */
export function accessLevel(userId: string, tenantId: string | null, platformLevel: AccessLevel, operators: readonly string[] = []): AccessLevel {
  if (tenantId === null) return 'member';
  return operators.includes(userId) ? 'operator' : platformLevel;
}

/** Who asks, and where. Adapters fill it from the platform's interaction. */
export interface CommandContext {
  platform: Platform;
  userId: string;
  channelId: string;
  /** The Discord guild or Slack team the command came from; null in DMs. */
  tenantId: string | null;
  /**
   * What the asker may do, from this request (never from registration alone): Discord Manage
   * Channels → channel-admin, Manage Server → server-admin; Slack SLACK_ADMIN_USERS → server-admin;
   * STORYWATCH_OPERATORS → operator.
   */
  level: AccessLevel;
  services: CommandServices;
}

/** A platform-neutral answer; adapters render it (Block Kit, embeds) and page long ones. */
export interface Reply {
  /** Only the asker sees it (the default); `share: true` on a query posts it to the channel. */
  ephemeral: boolean;
  title: string;
  /** Lines of plain text; feed text among them is escaped by the adapters. */
  lines: string[];
}

/** One option of a command, as both platforms register and parse it. */
export interface CommandOption {
  name: string;
  description: string;
  type: 'string' | 'boolean';
  required?: boolean;
  choices?: readonly string[];
  /** Offer the configured story ids as completions. */
  autocomplete?: 'story';
}

/** A slash command defined once: name, description, options (validated by `schema`), handler. */
export interface CommandDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  options: readonly CommandOption[];
  schema: S;
  /** The level needed to run it (everyone by default); commands that need more change state and are audited. */
  requires?: AccessLevel;
  handler(input: z.output<S>, ctx: CommandContext): Promise<Reply>;
}

/** Defines a command (keeps the schema's type for the handler). */
export function defineCommand<S extends z.ZodType>(definition: CommandDefinition<S>): CommandDefinition<S> {
  return definition;
}

/** An ephemeral reply: an error, a refusal, a confirmation. */
export function note(title: string, ...lines: string[]): Reply {
  return { ephemeral: true, title, lines };
}

/** The audited action: the command, and its `action` option when it has one (`feeds.remove`). */
function actionName(def: CommandDefinition, raw: Record<string, unknown>): string {
  return typeof raw.action === 'string' && /^[a-z]{1,20}$/u.test(raw.action) ? `${def.name}.${raw.action}` : def.name;
}

/** What a level means on a platform, for refusals. */
function describeLevel(level: AccessLevel, platform: Platform): string {
  if (level === 'operator') return 'an operator (STORYWATCH_OPERATORS)';
  if (platform === 'slack') return 'a workspace admin (listed in SLACK_ADMIN_USERS)';
  return level === 'channel-admin' ? 'the Manage Channels permission' : 'the Manage Server permission';
}

/**
 * Runs a command on raw options from a platform: refuses (and audits) askers below the command's
 * level, and anyone changing something outside a server or workspace; validates the options (a
 * clear message per bad option); turns a handler failure into a message instead of a crash (audited
 * for state-changing commands).
 */
export async function runCommand(def: CommandDefinition, raw: Record<string, unknown>, ctx: CommandContext): Promise<Reply> {
  const needed = def.requires ?? 'member';
  if (!allows(ctx.level, needed)) {
    const where = ctx.tenantId === null ? ' in a server or workspace channel; nothing can be changed from DMs' : '';
    const why = `/${def.name} needs ${describeLevel(needed, ctx.platform)}${where}.`;
    await audit(ctx, actionName(def, raw), null, 'refused', why);
    return note('Not allowed', why);
  }
  const parsed = def.schema.safeParse(raw);
  if (!parsed.success) {
    return note(`/${def.name}: invalid input`, ...parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`));
  }
  try {
    return await def.handler(parsed.data, ctx);
  } catch (error) {
    ctx.services.log.error({ err: error, command: def.name, channel: `${ctx.platform}:${ctx.channelId}` }, 'command failed');
    if (needed !== 'member') await audit(ctx, actionName(def, raw), null, 'error', error instanceof Error ? error.message : String(error));
    return note(`/${def.name} failed`, 'Something went wrong on our side; it has been logged. Try again later.');
  }
}

/**
 * Records who did what where (`target` defaults to the channel). Never throws: an audit write that
 * fails is logged with the entry, so the command's answer still goes out.
 */
export async function audit(ctx: CommandContext, action: string, target: string | null, outcome: AuditEntry['outcome'], detail: string | null): Promise<void> {
  const entry: AuditEntry = {
    at: ctx.services.clock.now(), platform: ctx.platform, tenantId: ctx.tenantId, userId: ctx.userId,
    action, target: target ?? `channel ${ctx.channelId}`, outcome, detail,
  };
  try {
    await ctx.services.store.recordAudit(entry);
  } catch (error) {
    ctx.services.log.error({ err: error, audit: entry, channel: `${ctx.platform}:${ctx.channelId}` }, 'could not record the audit entry');
  }
}
