import { z } from 'zod';
import type { StoryConfig } from '../src/config/story-schema.js';
import { pingTargetProblem, type AlertPing, type AlertSettings } from '../src/core/alert-settings.js';
import type { Platform } from '../src/core/subscription.js';
import { kindRule, storyTaxonomy } from '../src/taxonomy/taxonomy.js';
import { audit, channelTarget, defineCommand, failed, note, type CommandContext } from './command.js';
import { resolveStory, storyField } from './options.js';
import { channelIssues, channelOf, thisChannel } from './subscribe.js';

/** A ping target as typed: a Discord role mention `<@&id>` or a Slack group `<!subteam^ID|@name>` becomes its id. */
function targetId(text: string): string {
  return /^<@&(\d+)>$/u.exec(text)?.[1] ?? /^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$/u.exec(text)?.[1] ?? text;
}

/** The ping the options ask for (null: none), or the option at fault and why. */
function resolvePing(
  input: { ping?: string | undefined; kinds?: string | undefined },
  current: AlertPing | null,
  platform: Platform,
  story: StoryConfig,
): { ping: AlertPing | null } | { option: string; message: string } {
  if (input.ping?.toLowerCase() === 'off')
    return input.kinds === undefined ? { ping: null } : { option: 'kinds', message: 'kinds go with a ping, not with "off"' };
  const target = input.ping === undefined ? current?.target : targetId(input.ping);
  if (target === undefined) return input.kinds === undefined ? { ping: null } : { option: 'ping', message: 'give the role or user group to mention' };
  const problem = pingTargetProblem(platform, target);
  if (problem) return { option: 'ping', message: problem };
  const known = [...storyTaxonomy(story).keys()];
  const kinds = input.kinds === undefined ? (current?.kinds ?? []) : [...new Set(input.kinds.split(/[\s,]+/u).filter((k) => k !== ''))];
  const unknown = kinds.filter((k) => !known.includes(k));
  if (unknown.length > 0) return { option: 'kinds', message: `unknown kind(s) ${unknown.join(', ')}; this story's kinds: ${known.join(', ')}` };
  if (kinds.length === 0) return { option: 'kinds', message: `give the development kinds that ping, e.g. ${known[0] ?? 'military_strike'}` };
  return { ping: { target, kinds } };
}

/** The settings in words: `threads on; pings role 1234… on military strike, casualties`. */
function describeSettings(settings: AlertSettings, platform: Platform, story: StoryConfig): string {
  const taxonomy = storyTaxonomy(story);
  const ping = settings.ping;
  const who = platform === 'discord' ? 'role' : 'user group';
  const pings = ping ? `pings ${who} ${ping.target} on ${ping.kinds.map((k) => kindRule(taxonomy, k).label).join(', ')}` : 'no pings';
  return `threads ${settings.threads ? 'on' : 'off'}; ${pings}`;
}

/** Refuses (and audits) a change to a subscription recorded for another server or workspace. */
async function otherTenant(ctx: CommandContext, tenantId: string | null, target: string): Promise<boolean> {
  if (ctx.tenantId === null || tenantId === null || tenantId === ctx.tenantId) return false;
  await audit(ctx, 'alert-options', target, 'refused', `TENANT_MISMATCH: the subscription belongs to ${tenantId}`);
  return true;
}

/**
 * `/alert-options [threads] [ping] [kinds] [story]` (decision 024): how this channel's alerts of the
 * story are posted. `threads:on` opens a thread per new development's alert (a post in a forum
 * channel) and puts its later sources there; `ping` names the Discord role or Slack user group to
 * mention on alerts of the chosen `kinds` (`ping:off` stops it). Unset options stay as they were.
 */
export const alertOptionsCommand = defineCommand({
  name: 'alert-options',
  description: "How this channel's alerts are posted: a thread per development, a ping on chosen kinds",
  requires: 'channel-admin',
  schema: z
    .object({
      threads: z.enum(['on', 'off'], { message: 'expected on or off' }).describe('a thread per new development, with its later sources').optional(),
      ping: z.string().trim().min(1).max(80).describe('role (Discord) or user group id (Slack) to mention, or "off"').optional(),
      kinds: z.string().trim().min(1).max(500).describe('development kinds that ping, comma-separated, e.g. military_strike').optional(),
      story: storyField,
    })
    .refine((o) => o.threads !== undefined || o.ping !== undefined || o.kinds !== undefined, {
      path: ['threads'],
      message: 'give threads, ping or kinds: nothing to change',
    }),
  checkContext: channelIssues,
  async handler(input, ctx) {
    const found = await resolveStory(ctx, input.story, 'alert-options');
    if ('reply' in found) return found.reply;
    const { store, clock } = ctx.services;
    const { platform, channelId } = channelOf(ctx);
    const target = `${channelTarget(ctx)} → ${found.story.id}`;
    const sub = (await store.listSubscriptions()).find(
      (s) => s.platform === platform && s.channelId === channelId && s.storyId === found.story.id && s.status === 'active',
    );
    if (!sub) {
      await audit(ctx, 'alert-options', target, 'refused', 'SUBSCRIPTION_NOT_FOUND');
      return failed('Not subscribed', 'SUBSCRIPTION_NOT_FOUND', `${thisChannel(ctx)} does not follow ${found.story.title}; /subscribe alerts first.`, true);
    }
    if (await otherTenant(ctx, sub.tenantId, target))
      return failed('Not allowed', 'TENANT_MISMATCH', 'This subscription belongs to another server or workspace.');
    const current = await store.getAlertSettings(sub.id);
    const ping = resolvePing(input, current.ping, platform, found.story);
    if ('option' in ping) return failed('Invalid alert options', 'ALERT_OPTIONS_INVALID', `${ping.option}: ${ping.message}`, true);
    const settings = { threads: input.threads === undefined ? current.threads : input.threads === 'on', ping: ping.ping };
    const saved = await store.setAlertSettings(sub.id, settings, { at: clock.now(), userId: ctx.userId });
    const words = describeSettings(saved, platform, found.story);
    await audit(ctx, 'alert-options', target, 'ok', words);
    return { ...note('Alert options', `${thisChannel(ctx)}, alerts of ${found.story.title}: ${words}.`), done: saved };
  },
});
