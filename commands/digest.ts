import { z } from 'zod';
import { audit, defineCommand, note } from './command.js';

/** `/digest now` (admins): sends this channel's digest now. */
export const digestCommand = defineCommand({
  name: 'digest',
  description: "Send this channel's digest now (admins)",
  requires: 'server-admin',
  schema: z.object({ action: z.literal('now', { message: 'expected now' }).describe('now') }),
  async handler(_input, ctx) {
    const { store, clock } = ctx.services;
    const subs = (await store.listSubscriptions()).filter((s) => s.status === 'active' && s.platform === ctx.platform && s.channelId === ctx.channelId);
    if (subs.length === 0) return note('No subscription', 'This channel follows no story; use /subscribe first.');
    const queued = await store.enqueueDigests(subs.map((s) => ({ subscriptionId: s.id, day: null, at: clock.now() })));
    await audit(ctx, 'digest.now', null, 'ok', `${queued.length} digest(s) queued`);
    const report = await ctx.services.dispatch();
    return note('Digest', `${queued.length} digest(s) queued; ${report.sent} sent${report.retrying > 0 ? `, ${report.retrying} will be retried` : ''}.`);
  },
});
