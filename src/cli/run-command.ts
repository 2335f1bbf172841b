import type { Command } from 'commander';
import type { FeedRunReport } from '../pipeline/run-feed.js';
import { withApp, type GlobalOptions, type Out } from './with-app.js';

function summarize(report: FeedRunReport): string {
  const name = `#${report.feed.id} ${report.feed.name}`;
  if (report.outcome === 'error') return `${name}: ${report.error?.code} ${report.error?.message} (next try ${report.nextCheckAt.toISOString()})`;
  if (report.outcome === 'not_modified') return `${name}: not modified`;
  const parts = [`${report.itemsSeen} in feed`, `${report.newItems.length} new`];
  if (report.baselineItems > 0) parts.push(`${report.baselineItems} recorded as baseline`);
  if (report.rejected.length > 0) parts.push(`${report.rejected.length} rejected`);
  return `${name}: ${parts.join(', ')}`;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Registers `run [--once] [--due-only]`. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the bot: poll feeds on their schedules until SIGINT/SIGTERM')
    .option('--once', 'one pass over the feeds, then exit (for cron users and tests)')
    .option('--due-only', 'with --once: only feeds whose poll interval has elapsed')
    .action((options: { once?: boolean; dueOnly?: boolean }, cmd: Command) =>
      withApp(cmd.optsWithGlobals<GlobalOptions>(), async (app, out: Out) => {
        if (options.once) {
          const reports = await app.poller().runDue({ ignoreInterval: !options.dueOnly });
          if (reports.length === 0) out('No feed was due.');
          for (const report of reports) out(summarize(report));
          return;
        }
        const poller = app.poller((report) => {
          if (report.outcome !== 'not_modified') out(summarize(report));
        });
        poller.start();
        const signal = await waitForSignal();
        app.log.info({ signal }, 'shutting down: draining in-flight feeds');
        await poller.stop();
        app.log.info('stopped');
      }),
    );
}
