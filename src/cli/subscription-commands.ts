import type { Command } from 'commander';
import { z } from 'zod';
import { findStory } from '../pipeline/match/find-story.js';
import { inputError, withApp, type GlobalOptions, type Out } from './with-app.js';
import type { Subscription } from '../core/subscription.js';
import { isTimeZone } from '../delivery/time-zone.js';
import { describeBacklog, describePause } from '../delivery/backlog-text.js';
import { resumeDelivery } from './delivery-pause-command.js';
import { auditCli, cliUser } from './cli-audit.js';

/** `subscribe` options, validated: a channel id the platform could have, a time and a real IANA zone. */
const subscribeOptions = z
  .object({
    platform: z.enum(['discord', 'slack'], { message: 'expected discord or slack' }),
    channel: z.string().trim().min(1),
    story: z.string().optional(),
    alerts: z.boolean(),
    digest: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time such as 08:00').optional(),
    tz: z.string().refine(isTimeZone, 'expected an IANA time zone such as Asia/Karachi').optional(),
  })
  .refine((o) => o.platform !== 'discord' || /^\d{17,20}$/.test(o.channel), { path: ['channel'], message: 'a Discord channel id is a number of 17–20 digits' })
  .refine((o) => o.platform !== 'slack' || /^[CGD][A-Z0-9]{6,}$/.test(o.channel), { path: ['channel'], message: 'a Slack channel id looks like C0123ABCDEF' })
  .refine((o) => o.tz === undefined || o.digest !== undefined, { path: ['tz'], message: '--tz needs --digest' })
  .refine((o) => o.alerts || o.digest !== undefined, { path: ['alerts'], message: 'with --no-alerts, give --digest: there would be nothing to deliver' });

function describe(s: Subscription): string {
  const digest = s.digestTime ? `digest ${s.digestTime} ${s.timeZone}` : 'no digest';
  const unsubscribed = s.unsubscribedAt ? `UNSUBSCRIBED by ${s.unsubscribedBy ?? '?'} at ${s.unsubscribedAt.toISOString()}` : null;
  const state = s.status === 'active' ? 'active' : (unsubscribed ?? `STOPPED (${s.stoppedReason ?? ''})`);
  return `#${s.id} ${s.platform} ${s.channelId} → ${s.storyId}: alerts ${s.alerts ? 'on' : 'off'}, ${digest}, ${state}`;
}

/** Registers `subscribe`, `unsubscribe`, `subscriptions list|resume` and `digest --now`. */
export function registerSubscriptionCommands(program: Command): void {
  program
    .command('subscribe')
    .description('make a Discord or Slack channel follow a story: alerts, and a daily digest at a local time')
    .requiredOption('--platform <platform>', 'discord | slack')
    .requiredOption('--channel <id>', 'channel id')
    .option('--story <id>', 'story id (may be omitted when one story is configured)')
    .option('--no-alerts', 'no new-development alerts (digest only)')
    .option('--digest <HH:MM>', 'daily digest at this local time')
    .option('--tz <zone>', 'IANA time zone of the digest time (default UTC)')
    .action(async (raw: Record<string, unknown>) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print: Out) => {
        const parsed = subscribeOptions.safeParse(raw);
        if (!parsed.success) throw inputError('SUBSCRIPTION_INVALID', `${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
        const o = parsed.data;
        const story = findStory(app.config.stories, o.story);
        if (!story.ok) throw inputError(story.error.code, story.error.message);
        const sub = await app.store.subscribe(
          { platform: o.platform, channelId: o.channel, storyId: story.value.id, alerts: o.alerts, digestTime: o.digest ?? null, timeZone: o.digest ? (o.tz ?? 'UTC') : null },
          app.clock.now(),
        );
        await auditCli(app, 'subscribe', `${o.platform} channel ${o.channel} → ${sub.storyId}`, 'ok', describe(sub));
        print(`Subscribed ${describe(sub)}`);
        if (!app.senders[o.platform]) print(`Note: ${o.platform} delivery is off until its token is set; messages wait in the outbox.`);
      });
    });

  program
    .command('unsubscribe')
    .description("stop a channel's subscription (to one story, or all)")
    .requiredOption('--platform <platform>', 'discord | slack')
    .requiredOption('--channel <id>', 'channel id')
    .option('--story <id>', 'only this story')
    .action(async (o: { platform: string; channel: string; story?: string }) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print) => {
        if (o.platform !== 'discord' && o.platform !== 'slack') throw inputError('SUBSCRIPTION_INVALID', '--platform: expected discord or slack');
        const removed = await app.store.unsubscribe(o.platform, o.channel, o.story, { at: app.clock.now(), userId: cliUser() });
        await auditCli(app, 'unsubscribe', `${o.platform} channel ${o.channel} → ${o.story ?? 'all stories'}`, removed > 0 ? 'ok' : 'refused', `${removed} subscription(s) stopped`);
        if (removed === 0) throw Object.assign(new Error(`SUBSCRIPTION_NOT_FOUND: ${o.platform} channel ${o.channel} follows no such story`), { exitCode: 1 });
        print(`Unsubscribed ${removed} subscription(s) of ${o.platform} channel ${o.channel}; their pending messages were dropped (the record is kept).`);
      });
    });

  program
    .command('subscriptions')
    .description('list subscriptions (and paused platforms); `resume` lifts the pause a refused token put on a platform')
    .argument('[action]', 'list | resume', 'list')
    .option('--json', 'print JSON')
    .option('--platform <platform>', 'with resume: only this platform (discord | slack)')
    .action(async (action: string, o: { json?: boolean; platform?: string }) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print) => {
        if (action === 'resume') return resumeDelivery(app, print, o.platform);
        if (action !== 'list') throw inputError('SUBSCRIPTION_INVALID', `unknown action "${action}": expected list or resume`);
        const subs = await app.store.listSubscriptions();
        const pauses = await app.store.listPlatformPauses();
        const pausedOf = (s: Subscription) => pauses.find((p) => p.platform === s.platform) ?? null;
        if (o.json) print(JSON.stringify(subs.map((s) => ({ ...s, deliveryPaused: pausedOf(s) })), null, 2));
        else {
          pauses.forEach((p) => print(describePause(p)));
          if (subs.length === 0) print('No subscriptions.');
          else subs.forEach((s) => print(`${describe(s)}${s.status === 'active' && pausedOf(s) ? ` (${s.platform} delivery paused)` : ''}`));
        }
      });
    });

  program
    .command('digest')
    .description('send a digest now to subscribed channels (all, or one)')
    .requiredOption('--now', 'send now')
    .option('--channel <id>', 'only this channel')
    .action(async (o: { channel?: string }) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print) => {
        const now = app.clock.now();
        const subs = (await app.store.listSubscriptions()).filter((s) => s.status === 'active' && (o.channel === undefined || s.channelId === o.channel));
        if (subs.length === 0) throw inputError('DIGEST_NO_CHANNEL', `no active subscription${o.channel ? ` for channel ${o.channel}` : ''}`);
        const queued = await app.store.enqueueDigests(subs.map((s) => ({ subscriptionId: s.id, day: null, at: now })));
        await auditCli(app, 'digest.now', o.channel ? `channel ${o.channel}` : 'all channels', 'ok', `${queued.length} digest(s) queued`);
        if (app.config.postgres) {
          // Worker mode: one dispatcher at a time, run by the workers, sends the outbox.
          print(`Digest: ${queued.length} queued; the workers will send them.`);
          return;
        }
        const d = await app.dispatcher().dispatchDue();
        print(`Digest: ${queued.length} queued; ${d.sent} sent, ${d.retrying} to retry, ${d.dropped} dropped, ${d.waiting} waiting.`);
        for (const line of describeBacklog(d, (p) => Boolean(app.senders[p]), app.clock.now())) print(line);
      });
    });
}
