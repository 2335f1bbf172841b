import type { Command } from 'commander';
import type { FeedRunReport } from '../pipeline/run-feed.js';
import { DeliveryLoop } from '../scheduler/delivery-loop.js';
import { describeBacklog } from '../delivery/backlog-text.js';
import { waitForSignal } from './signals.js';
import { withApp, type GlobalOptions, type Out } from './with-app.js';

function summarize(report: FeedRunReport): string {
  const name = `#${report.feed.id} ${report.feed.name}`;
  if (report.outcome === 'error') return `${name}: ${report.error?.code} ${report.error?.message} (next try ${report.nextCheckAt.toISOString()})`;
  if (report.outcome === 'not_modified') return `${name}: not modified`;
  const parts = [`${report.itemsSeen} in feed`, `${report.newItems.length} new`];
  if (report.baselineItems > 0) parts.push(`${report.baselineItems} recorded as baseline`);
  if (report.rejected.length > 0) parts.push(`${report.rejected.length} rejected`);
  if (report.matches.length > 0) parts.push(`${report.matches.length} matched`);
  const alerts = report.detections.filter((d) => d.alertId !== null).length;
  if (alerts > 0) parts.push(`${alerts} new-development alert(s)`);
  return `${name}: ${parts.join(', ')}`;
}

/** Registers `run [--once] [--due-only]`. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the bot: poll feeds on their schedules and deliver alerts and digests until SIGINT/SIGTERM')
    .option(
      '--once',
      'one pass over the feeds, then send every due message (within rate limits and delivery.onceBudgetSeconds) and exit (for cron users and tests)',
    )
    .option('--due-only', 'with --once: only feeds whose poll interval has elapsed')
    .action((options: { once?: boolean; dueOnly?: boolean }, cmd: Command) =>
      withApp(cmd.optsWithGlobals<GlobalOptions>(), async (app, out: Out) => {
        for (const platform of ['discord', 'slack'] as const) {
          if (!app.senders[platform])
            app.log.info({ platform }, `${platform} delivery is off: no ${platform === 'discord' ? 'DISCORD_TOKEN' : 'SLACK_BOT_TOKEN'}`);
        }
        const delivery = new DeliveryLoop({ store: app.store, dispatcher: app.dispatcher(), clock: app.clock, log: app.log });
        if (options.once) {
          const reports = await (await app.poller()).runDue({ ignoreInterval: !options.dueOnly });
          if (reports.length === 0) out('No feed was due.');
          for (const report of reports) out(summarize(report));
          const budgetSec = app.config.settings.delivery.onceBudgetSeconds;
          const pass = await delivery.drain(budgetSec * 1000);
          const d = pass.dispatch;
          if (pass.digestsQueued + d.sent + d.edited + d.retrying + d.dropped + d.waiting > 0) {
            out(
              `Delivery: ${d.sent} sent, ${d.edited} edited, ${d.retrying} to retry, ${d.dropped} dropped, ${d.waiting} waiting; ${pass.digestsQueued} digest(s) queued.`,
            );
          }
          for (const line of describeBacklog(d, (p) => Boolean(app.senders[p]), app.clock.now())) out(line);
          if (d.budgetExhausted)
            out(
              `Stopped within the delivery budget of ${budgetSec} s (delivery.onceBudgetSeconds): what waits is not due before it ends; the next run sends it.`,
            );
          return;
        }
        // One process or many on one database, the same loops: the store's leases and claims share the work (decision 017).
        const poller = await app.poller(
          (report) => {
            if (report.outcome !== 'not_modified') out(summarize(report));
          },
          () => delivery.nudge(),
        );
        poller.start();
        delivery.start();
        const signal = await waitForSignal();
        app.log.info({ signal }, 'shutting down: draining in-flight feeds and deliveries');
        await Promise.all([poller.stop(), delivery.stop()]);
        app.log.info('stopped');
      }),
    );
}
