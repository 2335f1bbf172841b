import { z } from 'zod';
import { audit, defineCommand, note } from './command.js';
import { resolveStory, storyField, storyOption } from './options.js';
import { isTimeZone } from '../src/delivery/time-zone.js';

/** `/subscribe alerts|digest [time] [tz]`: this channel follows the story. */
export const subscribeCommand = defineCommand({
  name: 'subscribe',
  description: 'This channel follows the story: new-development alerts, or a daily digest',
  requires: 'channel-admin',
  options: [
    { name: 'what', description: 'alerts or a daily digest', type: 'string', required: true, choices: ['alerts', 'digest'] },
    { name: 'time', description: 'digest time, HH:MM (default 08:00)', type: 'string' },
    { name: 'tz', description: 'IANA time zone, e.g. Asia/Karachi (default UTC)', type: 'string' },
    storyOption,
  ],
  schema: z.object({
    what: z.enum(['alerts', 'digest'], { message: 'expected alerts or digest' }),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time such as 08:00').optional(),
    tz: z.string().refine(isTimeZone, 'expected an IANA time zone such as Asia/Karachi').optional(),
    story: storyField,
  }),
  async handler(input, ctx) {
    const found = resolveStory(ctx, input.story);
    if ('error' in found) return note('Unknown story', found.error);
    const { store, clock } = ctx.services;
    const current = (await store.listSubscriptions()).find(
      (s) => s.platform === ctx.platform && s.channelId === ctx.channelId && s.storyId === found.story.id,
    );
    const digest = input.what === 'digest';
    const sub = await store.subscribe(
      {
        platform: ctx.platform,
        channelId: ctx.channelId,
        storyId: found.story.id,
        alerts: digest ? (current?.alerts ?? false) : true,
        digestTime: digest ? (input.time ?? '08:00') : (current?.digestTime ?? null),
        timeZone: digest ? (input.tz ?? 'UTC') : (current?.timeZone ?? null),
        tenantId: ctx.tenantId,
      },
      clock.now(),
    );
    const how = `alerts ${sub.alerts ? 'on' : 'off'}, ${sub.digestTime ? `daily digest at ${sub.digestTime} ${sub.timeZone}` : 'no digest'}`;
    await audit(ctx, 'subscribe', `channel ${ctx.channelId} → ${found.story.id}`, 'ok', how);
    return note('Subscribed', `This channel follows ${found.story.title}: ${how}.`);
  },
});

/** `/unsubscribe [story]`: this channel stops following the story (or all stories). */
export const unsubscribeCommand = defineCommand({
  name: 'unsubscribe',
  description: 'This channel stops following the story',
  requires: 'channel-admin',
  options: [storyOption],
  schema: z.object({ story: storyField }),
  async handler(input, ctx) {
    const removed = await ctx.services.store.unsubscribe(ctx.platform, ctx.channelId, input.story, { at: ctx.services.clock.now(), userId: ctx.userId });
    await audit(ctx, 'unsubscribe', `channel ${ctx.channelId} → ${input.story ?? 'all stories'}`, 'ok', `${removed} subscription(s) stopped; their pending messages dropped`);
    return note('Unsubscribed', removed > 0 ? `This channel no longer follows ${input.story ?? 'any story'}.` : 'This channel followed no such story.');
  },
});
