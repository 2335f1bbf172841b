import type { Command } from 'commander';
import { z } from 'zod';
import type { Subscription } from '../core/subscription.js';
import { newWebhookSecret, type WebhookTarget } from '../core/webhook.js';
import { isTimeZone } from '../delivery/time-zone.js';
import { nonPublicHost } from '../pipeline/fetch/address-guard.js';
import { findStory } from '../pipeline/match/find-story.js';
import { auditCli, cliUser } from './cli-audit.js';
import { inputError, withApp, type GlobalOptions, type Out } from './with-app.js';

/** `webhooks add`'s flags: something to deliver, a digest time with its zone. */
const addFlags = z
  .object({
    story: z.string().optional(),
    alerts: z.boolean(),
    digest: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time such as 08:00')
      .optional(),
    tz: z.string().refine(isTimeZone, 'expected an IANA time zone such as Asia/Karachi').optional(),
  })
  .refine((o) => o.alerts || o.digest !== undefined, { path: ['alerts'], message: 'with --no-alerts, give --digest: there would be nothing to deliver' })
  .refine((o) => o.digest !== undefined || o.tz === undefined, { path: ['tz'], message: 'a time zone goes with --digest' });

/**
 * The target URL, or why it cannot be one: http(s) only, and (unless private networks are allowed)
 * not a loopback, private or link-local literal host — names are checked again when connecting.
 */
export function parseWebhookUrl(raw: string, allowPrivateNetworks: boolean): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL: give an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `unsupported scheme ${url.protocol}: webhooks are http(s)`;
  const blocked = allowPrivateNetworks ? null : nonPublicHost(url);
  if (blocked) return `${url.hostname} (${blocked}) is not a public address (set fetch.allowPrivateNetworks to allow it)`;
  url.hash = '';
  return url;
}

/** A target's URL as listings show it: the query elided (webhook URLs often carry a token there). */
function shownUrl(target: WebhookTarget): string {
  const url = new URL(target.url);
  return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
}

function describe(target: WebhookTarget, subs: Subscription[]): string {
  const lines = subs.map((s) => {
    const digest = s.digestTime ? `digest ${s.digestTime} ${s.timeZone}` : 'no digest';
    const state = s.status === 'active' ? 'active' : s.unsubscribedAt ? `REMOVED by ${s.unsubscribedBy ?? '?'}` : `STOPPED (${s.stoppedReason ?? ''})`;
    return `  → ${s.storyId}: alerts ${s.alerts ? 'on' : 'off'}, ${digest}, ${state}`;
  });
  return [`webhook #${target.id} ${shownUrl(target)} (added by ${target.createdBy} at ${target.createdAt.toISOString()})`, ...lines].join('\n');
}

/** Registers `webhooks add|list|remove` (decision 030): the operator's webhook targets. */
export function registerWebhookCommands(program: Command): void {
  const webhooks = program.command('webhooks').description("deliver a story's alerts and digests to an HTTP(S) URL as signed JSON");

  webhooks
    .command('add')
    .description('add a webhook target following a story; prints its signing secret once')
    .argument('<url>', 'the receiver, http(s)')
    .option('--story <id>', 'story id (may be omitted when one story is configured)')
    .option('--no-alerts', 'no new-development alerts (digest only)')
    .option('--digest <HH:MM>', 'daily digest at this local time')
    .option('--tz <zone>', 'IANA time zone of the digest time (default UTC)')
    .action(async (raw: string, options: Record<string, unknown>) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print: Out) => {
        const flags = addFlags.safeParse(options);
        if (!flags.success) throw inputError('WEBHOOK_INVALID', flags.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
        const url = parseWebhookUrl(raw, app.config.settings.fetch.allowPrivateNetworks);
        if (typeof url === 'string') throw inputError('WEBHOOK_INVALID', `<url>: ${url}`);
        const story = findStory(app.config.stories, flags.data.story);
        if (!story.ok) throw inputError(story.error.code, story.error.message);
        const { alerts, digest, tz } = flags.data;
        const now = app.clock.now();
        const secret = newWebhookSecret();
        const { target, sub } = await app.store.transaction(async (tx) => {
          const added = await tx.addWebhookTarget({ url: url.href, secret, tenantId: null, createdBy: `cli:${cliUser()}`, createdAt: now });
          const subscribed = await tx.subscribe(
            {
              platform: 'webhook',
              channelId: String(added.id),
              storyId: story.value.id,
              alerts,
              digestTime: digest ?? null,
              timeZone: digest ? (tz ?? 'UTC') : null,
            },
            now,
          );
          return { target: added, sub: subscribed };
        });
        const delivery = `alerts ${sub.alerts ? 'on' : 'off'}, ${sub.digestTime ? `daily digest at ${sub.digestTime} ${sub.timeZone}` : 'no digest'}`;
        await auditCli(app, 'webhook.add', `webhook #${target.id} → ${story.value.id}`, 'ok', `${url.origin}; ${delivery}`);
        print(`Added webhook #${target.id}: ${shownUrl(target)} follows ${story.value.title}: ${delivery}.`);
        print(`Signing secret (shown this once; keep it with the receiver): ${secret}`);
        print('Each POST carries X-Storywatch-Timestamp, X-Storywatch-Delivery and X-Storywatch-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">.');
      });
    });

  webhooks
    .command('list')
    .description('list webhook targets and the stories they follow (secrets are never shown)')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print) => {
        const targets = await app.store.listWebhookTargets();
        const subs = (await app.store.listSubscriptions()).filter((s) => s.platform === 'webhook');
        const of = (t: WebhookTarget) => subs.filter((s) => s.channelId === String(t.id));
        if (o.json) {
          const listed = targets.map((t) => ({ id: t.id, url: shownUrl(t), createdBy: t.createdBy, createdAt: t.createdAt, subscriptions: of(t) }));
          print(JSON.stringify(listed, null, 2));
        } else if (targets.length === 0) print('No webhooks.');
        else targets.forEach((t) => print(describe(t, of(t))));
      });
    });

  webhooks
    .command('remove')
    .description('stop a webhook target (for one story, or all); its record and deliveries are kept')
    .argument('<id>', 'the webhook id, as `webhooks list` shows it')
    .option('--story <id>', 'only this story')
    .action(async (id: string, o: { story?: string }) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print) => {
        const target = /^\d+$/.test(id) ? await app.store.getWebhookTarget(Number(id)) : null;
        if (!target) throw inputError('WEBHOOK_NOT_FOUND', `no webhook #${id}; \`storywatch webhooks list\` shows them`);
        const removed = await app.store.unsubscribe('webhook', String(target.id), o.story, { at: app.clock.now(), userId: `cli:${cliUser()}` });
        const what = `webhook #${target.id} → ${o.story ?? 'all stories'}`;
        await auditCli(app, 'webhook.remove', what, removed > 0 ? 'ok' : 'refused', `${removed} subscription(s) stopped; their pending messages dropped`);
        if (removed === 0) throw inputError('WEBHOOK_NOT_FOUND', `webhook #${target.id} followed no such story`);
        print(`Removed ${what}: ${removed} subscription(s) stopped; their pending messages were dropped (the record is kept).`);
      });
    });
}
