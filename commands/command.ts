import type { z } from 'zod';
import type { StoryConfig } from '../src/config/story-schema.js';
import type { Clock } from '../src/core/clock.js';
import type { Logger } from '../src/core/logger.js';
import type { DispatchReport } from '../src/delivery/dispatch.js';
import type { Platform } from '../src/delivery/subscription.js';
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
}

/** Who asks, and where. Adapters fill it from the platform's interaction. */
export interface CommandContext {
  platform: Platform;
  userId: string;
  channelId: string;
  /** Discord: Manage Server permission (checked server-side); Slack: listed in SLACK_ADMIN_USERS. */
  isAdmin: boolean;
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
  /** Only admins may run it (Discord: Manage Server; Slack: configured admin user ids). */
  adminOnly?: boolean;
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

/**
 * Runs a command on raw options from a platform: refuses non-admins for admin commands, validates
 * the options (a clear message per bad option), and turns a handler failure into a message instead
 * of a crash.
 */
export async function runCommand(def: CommandDefinition, raw: Record<string, unknown>, ctx: CommandContext): Promise<Reply> {
  if (def.adminOnly && !ctx.isAdmin) {
    return note('Not allowed', `/${def.name} is for admins (${ctx.platform === 'discord' ? 'Manage Server permission' : 'listed in SLACK_ADMIN_USERS'}).`);
  }
  const parsed = def.schema.safeParse(raw);
  if (!parsed.success) {
    return note(`/${def.name}: invalid input`, ...parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`));
  }
  try {
    return await def.handler(parsed.data, ctx);
  } catch (error) {
    ctx.services.log.error({ err: error, command: def.name, channel: `${ctx.platform}:${ctx.channelId}` }, 'command failed');
    return note(`/${def.name} failed`, 'Something went wrong on our side; it has been logged. Try again later.');
  }
}
