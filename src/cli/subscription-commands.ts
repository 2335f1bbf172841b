import type { Command } from 'commander';
import { z } from 'zod';
import { subscribeCommand, unsubscribeCommand } from '../../commands/subscribe.js';
import { inputError, withApp, type GlobalOptions, type Out } from './with-app.js';
import type { Subscription } from '../core/subscription.js';
import { describeBacklog, describePause } from '../delivery/backlog-text.js';
import { resumeDelivery } from './delivery-pause-command.js';
import { auditCli, cliContext } from './cli-audit.js';
import { runDefinition } from './run-definition.js';

/** `--platform`: the chat platform of the channel. */
const platformFlag = z.enum(['discord', 'slack'], { message: 'expected discord or slack' });

/**
 * The CLI's own flags, checked before the `/subscribe` definition runs (it checks the channel id,
 * the time, the zone and the story): a platform, and something to deliver.
 */
const subscribeFlags = z
  .object({
    platform: platformFlag,
    channel: z.string().trim().min(1),
    story: z.string().optional(),
    alerts: z.boolean(),
    digest: z.string().optional(),
    tz: z.string().optional(),
    language: z.string().optional(),
  })
  .refine((o) => o.alerts || o.digest !== undefined, { path: ['alerts'], message: 'with --no-alerts, give --digest: there would be nothing to deliver' });

/** `/subscribe`'s options as the CLI spells them. */
const SUBSCRIBE_FLAGS = { time: '--digest' };

/** Flag errors as `--flag: message; …` (`flag` names a lone value's flag). */
function flagIssues(error: z.ZodError, flag?: string): string {
  return error.issues.map((i) => `--${flag ?? i.path.join('.')}: ${i.message}`).join('; ');
}

/** One subscription as the CLI lists it; `note` follows its state (e.g. "(slack delivery paused)"). */
function describe(s: Subscription, note = ''): string {
  const digest = s.digestTime ? `digest ${s.digestTime} ${s.timeZone}` : 'no digest';
  const unsubscribed = s.unsubscribedAt ? `UNSUBSCRIBED by ${s.unsubscribedBy ?? '?'} at ${s.unsubscribedAt.toISOString()}` : null;
  const state = s.status === 'active' ? 'active' : (unsubscribed ?? `STOPPED (${s.stoppedReason ?? ''})`);
  return `#${s.id} ${s.platform} ${s.channelId} → ${s.storyId}: alerts ${s.alerts ? 'on' : 'off'}, ${digest}, ${state}${note}, in ${s.language}`;
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
    .option('--language <code>', 'language of its messages: en, fr, ar… (default: as before, else en)')
    .action(async (raw: Record<string, unknown>) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print: Out) => {
        const flags = subscribeFlags.safeParse(raw);
        if (!flags.success) throw inputError('SUBSCRIPTION_INVALID', flagIssues(flags.error));
        const o = flags.data;
        const options = {
          what: o.digest === undefined ? 'alerts' : 'digest',
          time: o.digest,
          tz: o.tz,
          story: o.story,
          alerts: o.alerts,
          language: o.language,
        };
        const ctx = cliContext(app, { platform: o.platform, channelId: o.channel });
        const sub = await runDefinition(subscribeCommand, options, ctx, 'SUBSCRIPTION_INVALID', SUBSCRIBE_FLAGS);
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
        const platform = platformFlag.safeParse(o.platform);
        if (!platform.success) throw inputError('SUBSCRIPTION_INVALID', flagIssues(platform.error, 'platform'));
        const ctx = cliContext(app, { platform: platform.data, channelId: o.channel });
        const removed = await runDefinition(unsubscribeCommand, { story: o.story }, ctx, 'SUBSCRIPTION_INVALID');
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
        if (o.json)
          print(
            JSON.stringify(
              subs.map((s) => ({ ...s, deliveryPaused: pausedOf(s) })),
              null,
              2,
            ),
          );
        else {
          pauses.forEach((p) => print(describePause(p)));
          if (subs.length === 0) print('No subscriptions.');
          else subs.forEach((s) => print(describe(s, s.status === 'active' && pausedOf(s) ? ` (${s.platform} delivery paused)` : '')));
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
          // Worker mode: the delivery loops of the running workers send the outbox (each row claimed by one).
          print(`Digest: ${queued.length} queued; the workers will send them.`);
          return;
        }
        const d = await app.dispatcher().dispatchDue();
        print(`Digest: ${queued.length} queued; ${d.sent} sent, ${d.retrying} to retry, ${d.dropped} dropped, ${d.waiting} waiting.`);
        for (const line of describeBacklog(d, (p) => Boolean(app.senders[p]), app.clock.now())) print(line);
      });
    });
}
