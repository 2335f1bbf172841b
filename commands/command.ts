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
import { optionsOf, type CommandOption } from './schema-options.js';

export type { CommandOption } from './schema-options.js';

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
  /** The poll interval of a feed added without one (schedules.yml `poll.defaultInterval`), in seconds. */
  defaultIntervalSec: number;
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

/** Who asks, and where. Adapters fill it from the platform's interaction; the CLI from its flags. */
export interface CommandContext {
  /** The chat platform of the channel; null when the command concerns no channel (the CLI's `feeds`). */
  platform: Platform | null;
  /** The asker: a platform user id, or the OS user running the CLI. */
  userId: string;
  /** The channel the command was given in (or, from the CLI, `--channel`); null when there is none. */
  channelId: string | null;
  /** The Discord guild or Slack team the command came from; null in DMs and from the CLI. */
  tenantId: string | null;
  /**
   * What the asker may do, from this request (never from registration alone): Discord Manage
   * Channels → channel-admin, Manage Server → server-admin; Slack SLACK_ADMIN_USERS → server-admin;
   * STORYWATCH_OPERATORS → operator; the CLI → operator.
   */
  level: AccessLevel;
  /**
   * The locale of the server or workspace as the platform tells it (Discord: the guild's preferred
   * locale, from the interaction; Slack: the asking admin's locale, looked up with `users.info`),
   * null when it does not; absent from the CLI. Asked only by commands that need it.
   */
  platformLocale?(): Promise<string | null>;
  /** The asker's language (BCP 47: Discord's interaction locale, the CLI's `--lang`), when known; answers prefer it. */
  locale?: string;
  /** Set when the command comes from the command line: audited as platform `cli`. */
  cli?: true;
  services: CommandServices;
}

/** A platform-neutral answer; adapters render it (Block Kit, embeds) and page long ones. */
export interface Reply {
  /** Only the asker sees it (the default); `share: true` on a query posts it to the channel. */
  ephemeral: boolean;
  title: string;
  /** Lines of plain text; feed text among them is escaped by the adapters. */
  lines: string[];
  /** Set when the command refused or failed: its code, and whether the input was at fault (the CLI's exit status). */
  failure?: { code: string; message: string; badInput: boolean };
  /**
   * Set when the command needs an option chosen (which story): the values to choose from. The lines
   * already show `/command option:value` for each; an adapter that knows the exact command typed
   * (Slack: its configured name and text) writes that instead.
   */
  choose?: { option: string; values: { value: string; label: string }[] };
}

/** A handler's answer: the reply, and what it did (`done`) for surfaces that print their own text (the CLI). */
export type Answer<D = undefined> = Reply & { done?: D };

/** A slash command defined once: name, description, a zod schema (its options), the level it needs, a handler. */
export interface CommandSpec<S extends z.ZodObject, D> {
  name: string;
  description: string;
  /**
   * The options, validated: each field's `.describe()` is its description, an enum or literal its
   * choices, optional fields are optional, booleans are flags; `.meta({ autocomplete: 'story' })`
   * completes story ids, `.meta({ cliOnly: true })` keeps a field off the chat platforms.
   */
  schema: S;
  /** The level needed to run it (everyone by default); commands that need more change state and are audited. */
  requires?: AccessLevel;
  /** Rules on where it is run, checked with the options (e.g. a channel id the platform could have). */
  checkContext?(ctx: CommandContext): OptionIssue[];
  handler(input: z.output<S>, ctx: CommandContext): Promise<Answer<D>>;
}

/** A defined command: its spec, and the chat options derived from its schema. */
export interface CommandDefinition<S extends z.ZodObject = z.ZodObject, D = unknown> extends CommandSpec<S, D> {
  /** The options the chat platforms register and parse, from `schema` (see `optionsOf`). */
  readonly options: readonly CommandOption[];
}

/** Defines a command: derives its chat options from the schema (and keeps the schema's type for the handler). */
export function defineCommand<S extends z.ZodObject, D = undefined>(spec: CommandSpec<S, D>): CommandDefinition<S, D> {
  return { ...spec, options: optionsOf(spec.schema, spec.name) };
}

/** An ephemeral reply: an error, a refusal, a confirmation. */
export function note(title: string, ...lines: string[]): Reply {
  return { ephemeral: true, title, lines };
}

/** An ephemeral refusal or failure with its code: `CODE: message` for the CLI, the title and message in chat. */
export function failed(title: string, code: string, message: string, badInput = false): Reply {
  return { ...note(title, message), failure: { code, message, badInput } };
}

/** The audited action: the command, and its `action` option when it has one (`feeds.remove`). */
function actionName(def: CommandDefinition, raw: Record<string, unknown>): string {
  return typeof raw.action === 'string' && /^[a-z]{1,20}$/u.test(raw.action) ? `${def.name}.${raw.action}` : def.name;
}

/** What a level means on a platform, for refusals. */
function describeLevel(level: AccessLevel, platform: Platform | null): string {
  if (level === 'operator') return 'an operator (STORYWATCH_OPERATORS)';
  if (platform === 'slack') return 'a workspace admin (listed in SLACK_ADMIN_USERS)';
  return level === 'channel-admin' ? 'the Manage Channels permission' : 'the Manage Server permission';
}

/** One invalid option: its name (`input` for the whole) and what was expected. */
export interface OptionIssue {
  option: string;
  message: string;
}

/** How a command ended: refused (not allowed), invalid options, or answered by its handler. */
export type Execution<D> = { kind: 'refused'; reply: Reply } | { kind: 'invalid'; issues: OptionIssue[] } | { kind: 'answered'; answer: Answer<D> };

/**
 * Runs a command on raw options from any surface: refuses (and audits) askers below the command's
 * level, and anyone changing something outside a server or workspace; validates the options;
 * runs the handler. A handler failure of a state-changing command is audited, then thrown.
 */
export async function executeCommand<D>(def: CommandDefinition<z.ZodObject, D>, raw: Record<string, unknown>, ctx: CommandContext): Promise<Execution<D>> {
  const needed = def.requires ?? 'member';
  if (!allows(ctx.level, needed)) {
    const where = ctx.tenantId === null ? ' in a server or workspace channel; nothing can be changed from DMs' : '';
    const why = `/${def.name} needs ${describeLevel(needed, ctx.platform)}${where}.`;
    await audit(ctx, actionName(def, raw), null, 'refused', why);
    return { kind: 'refused', reply: failed('Not allowed', 'COMMAND_NOT_ALLOWED', why) };
  }
  const parsed = def.schema.safeParse(raw);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ option: i.path.join('.') || 'input', message: i.message }))),
    ...(def.checkContext?.(ctx) ?? []),
  ];
  if (!parsed.success || issues.length > 0) return { kind: 'invalid', issues };
  try {
    return { kind: 'answered', answer: await def.handler(parsed.data, ctx) };
  } catch (error) {
    if (needed !== 'member') await audit(ctx, actionName(def, raw), null, 'error', error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/**
 * Runs a command for a chat platform (see `executeCommand`): a refusal or invalid options become
 * a clear message (one line per bad option), and a handler failure a message instead of a crash.
 */
export async function runCommand(def: CommandDefinition, raw: Record<string, unknown>, ctx: CommandContext): Promise<Reply> {
  try {
    const run = await executeCommand(def, raw, ctx);
    if (run.kind === 'refused') return run.reply;
    if (run.kind === 'invalid') return note(`/${def.name}: invalid input`, ...run.issues.map((i) => `${i.option}: ${i.message}`));
    return run.answer;
  } catch (error) {
    ctx.services.log.error({ err: error, command: def.name, channel: `${ctx.platform}:${ctx.channelId}` }, 'command failed');
    return note(`/${def.name} failed`, 'Something went wrong on our side; it has been logged. Try again later.');
  }
}

/** The channel a command is about as the audit names it: the platform too when the CLI gave it. */
export function channelTarget(ctx: CommandContext): string {
  return ctx.cli ? `${ctx.platform ?? '?'} channel ${ctx.channelId ?? '?'}` : `channel ${ctx.channelId ?? '?'}`;
}

/**
 * Records who did what where (`target` defaults to the channel; the CLI is platform `cli`). Never
 * throws: an audit write that fails is logged with the entry, so the command's answer still goes out.
 */
export async function audit(ctx: CommandContext, action: string, target: string | null, outcome: AuditEntry['outcome'], detail: string | null): Promise<void> {
  const entry: AuditEntry = {
    at: ctx.services.clock.now(),
    platform: ctx.cli ? 'cli' : (ctx.platform ?? 'cli'),
    tenantId: ctx.tenantId,
    userId: ctx.userId,
    action,
    target: target ?? (ctx.channelId === null ? null : channelTarget(ctx)),
    outcome,
    detail,
  };
  try {
    await ctx.services.store.recordAudit(entry);
  } catch (error) {
    ctx.services.log.error({ err: error, audit: entry, channel: `${ctx.platform}:${ctx.channelId}` }, 'could not record the audit entry');
  }
}
