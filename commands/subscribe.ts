import { z } from 'zod';
import { channelIdProblem } from '../src/core/channel-id.js';
import type { Platform, Subscription } from '../src/core/subscription.js';
import { isTimeZone } from '../src/delivery/time-zone.js';
import { catalogLanguages } from '../src/delivery/locale/catalog.js';
import { DEFAULT_LANGUAGE, supportedLanguage } from '../src/delivery/locale/locale.js';
import { audit, channelTarget, defineCommand, failed, note, type CommandContext, type OptionIssue } from './command.js';
import { resolveStory, storyField } from './options.js';

/** The channel the command acts on must be one the platform could have (the CLI names it by hand). */
export function channelIssues(ctx: CommandContext): OptionIssue[] {
  if (ctx.platform === null || ctx.channelId === null) return [{ option: 'channel', message: 'this command works in a channel only' }];
  const problem = channelIdProblem(ctx.platform, ctx.channelId);
  return problem ? [{ option: 'channel', message: problem }] : [];
}

/** The channel the command acts on (`checkContext` has made sure there is one). */
export function channelOf(ctx: CommandContext): { platform: Platform; channelId: string } {
  if (ctx.platform === null || ctx.channelId === null) throw new Error('no channel to act on');
  return { platform: ctx.platform, channelId: ctx.channelId };
}

/** The channel as the answer names it: "This channel" in chat, the platform and id from the CLI. */
export function thisChannel(ctx: CommandContext): string {
  return ctx.cli ? `${ctx.platform ?? '?'} channel ${ctx.channelId ?? '?'}` : 'This channel';
}

/** How a subscription delivers, in words: `alerts on, daily digest at 08:00 UTC`. */
function delivery(sub: Subscription): string {
  return `alerts ${sub.alerts ? 'on' : 'off'}, ${sub.digestTime ? `daily digest at ${sub.digestTime} ${sub.timeZone}` : 'no digest'}, in ${sub.language}`;
}

/**
 * `/subscribe alerts|digest [time] [tz]`: this channel follows the story. `alerts` turns alerts on
 * and keeps any digest; `digest` sets the daily digest and keeps the alerts as they were (off for a
 * new subscription, unless `alerts` is given: the CLI gives it).
 */
export const subscribeCommand = defineCommand({
  name: 'subscribe',
  description: 'This channel follows the story: new-development alerts, or a daily digest',
  requires: 'channel-admin',
  schema: z
    .object({
      what: z.enum(['alerts', 'digest'], { message: 'expected alerts or digest' }).describe('alerts or a daily digest'),
      time: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time such as 08:00')
        .describe('digest time, HH:MM (default 08:00)')
        .optional(),
      tz: z
        .string()
        .refine(isTimeZone, 'expected an IANA time zone such as Asia/Karachi')
        .describe('IANA time zone, e.g. Asia/Karachi (default UTC)')
        .optional(),
      story: storyField,
      language: z
        .string()
        .refine((l) => supportedLanguage(l) !== null, { error: () => `expected one of ${catalogLanguages().join(', ')}` })
        .describe("language of the messages, e.g. fr or ar (default: the server's)")
        .optional(),
      alerts: z.boolean().meta({ description: 'alerts on or off beside the digest', cliOnly: true }).optional(),
    })
    .refine((o) => o.what === 'digest' || o.time === undefined, { path: ['time'], message: 'a digest time goes with "digest"' })
    .refine((o) => o.what === 'digest' || o.tz === undefined, { path: ['tz'], message: 'a time zone goes with a digest' }),
  checkContext: channelIssues,
  async handler(input, ctx) {
    const found = await resolveStory(ctx, input.story, 'subscribe');
    if ('reply' in found) return found.reply;
    const { store, clock } = ctx.services;
    const { platform, channelId } = channelOf(ctx);
    const current = (await store.listSubscriptions()).find((s) => s.platform === platform && s.channelId === channelId && s.storyId === found.story.id);
    const digest = input.what === 'digest';
    const sub = await store.subscribe(
      {
        platform,
        channelId,
        storyId: found.story.id,
        alerts: digest ? (input.alerts ?? current?.alerts ?? false) : true,
        digestTime: digest ? (input.time ?? '08:00') : (current?.digestTime ?? null),
        timeZone: digest ? (input.tz ?? 'UTC') : (current?.timeZone ?? null),
        // Asked for, else as it was, else the server's or workspace's language (decision 023).
        language: supportedLanguage(input.language) ?? current?.language ?? supportedLanguage(await ctx.platformLocale?.()) ?? DEFAULT_LANGUAGE,
        // The CLI names no server: the tenant recorded stays.
        ...(ctx.tenantId === null ? {} : { tenantId: ctx.tenantId }),
      },
      clock.now(),
    );
    await audit(ctx, 'subscribe', `${channelTarget(ctx)} → ${found.story.id}`, 'ok', delivery(sub));
    return { ...note('Subscribed', `${thisChannel(ctx)} follows ${found.story.title}: ${delivery(sub)}.`), done: sub };
  },
});

/** `/unsubscribe [story]`: this channel stops following the story (or all stories). */
export const unsubscribeCommand = defineCommand({
  name: 'unsubscribe',
  description: 'This channel stops following the story',
  requires: 'channel-admin',
  schema: z.object({ story: storyField }),
  checkContext: channelIssues,
  async handler(input, ctx) {
    const { store, clock } = ctx.services;
    const { platform, channelId } = channelOf(ctx);
    const removed = await store.unsubscribe(platform, channelId, input.story, { at: clock.now(), userId: ctx.userId });
    const detail = `${removed} subscription(s) stopped; their pending messages dropped`;
    await audit(
      ctx,
      'unsubscribe',
      `${channelTarget(ctx)} → ${input.story ?? 'all stories'}`,
      removed > 0 ? 'ok' : 'refused',
      removed > 0 ? detail : `SUBSCRIPTION_NOT_FOUND: ${detail}`,
    );
    if (removed === 0) return failed('Not subscribed', 'SUBSCRIPTION_NOT_FOUND', `${thisChannel(ctx)} followed no such story.`);
    return { ...note('Unsubscribed', `${thisChannel(ctx)} no longer follows ${input.story ?? 'any story'}.`), done: removed };
  },
});
