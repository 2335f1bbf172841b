import type { Command } from 'commander';
import { doneOf, feedsCommand } from '../../commands/feeds.js';
import { formatInterval } from '../queries/feed-state.js';
import { formatFeedTable } from './feed-table.js';
import { withApp, type GlobalOptions } from './with-app.js';
import { cliContext } from './cli-audit.js';
import { runDefinition } from './run-definition.js';
import { registerFeedLifecycleCommands } from './feed-lifecycle-commands.js';
import { registerOpmlCommands } from './opml-commands.js';

interface AddOptions {
  name?: string;
  interval?: string;
  language?: string;
  backfill?: boolean;
}

/**
 * Registers `feeds add|list|remove` on the program: they run the `/feeds` definition as operator
 * (same validation, default interval, rules and audit as in chat) and print the CLI's own text.
 */
export function registerFeedsCommands(program: Command): void {
  const feeds = program.command('feeds').description('manage the feeds storywatch polls');

  feeds
    .command('add <url>')
    .description('add a feed, fetch it now and record what it holds as a baseline (no alerts on the backlog)')
    .option('--name <name>', "display name (default: the feed's title, else its host name)")
    .option('--interval <duration>', 'poll interval, e.g. 10m, 1h (default: schedules.yml poll.defaultInterval)')
    .option('--language <code>', 'language of the feed when known, e.g. en, zh')
    .option('--backfill', 'process the items the feed already holds instead of recording them silently')
    .action((url: string, options: AddOptions, cmd: Command) =>
      withApp(cmd.optsWithGlobals<GlobalOptions>(), async (app, out) => {
        const raw = { action: 'add', url, name: options.name, interval: options.interval, language: options.language, backfill: options.backfill };
        const done = doneOf(await runDefinition(feedsCommand, raw, cliContext(app), 'FEED_INVALID'), 'add');
        const r = done.report;
        out(`Added feed #${r.feed.id} "${r.feed.name}" (${r.feed.url}), polled every ${formatInterval(done.intervalSec)}.`);
        if (r.error) out(`First fetch failed (${r.error.code}: ${r.error.message}); it will be retried, and its baseline taken then.`);
        else if (options.backfill) out(`Backfill: ${r.newItems.length} item(s) sent down the pipeline.`);
        else out(`Baseline: ${r.baselineItems} item(s) already in the feed recorded; only newer items will be processed.`);
      }),
    );

  feeds
    .command('list')
    .description('list feeds (paused and removed ones too) with their state, last fetch, status and error count')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }, cmd: Command) =>
      withApp(cmd.optsWithGlobals<GlobalOptions>(), async (app, out) => {
        const done = doneOf(await runDefinition(feedsCommand, { action: 'list' }, cliContext(app), 'FEED_INVALID'), 'list');
        const counts = new Map<number, number>();
        for (const f of done.feeds) counts.set(f.id, await app.store.countItems(f.id));
        const json = () => done.feeds.map((f) => ({ ...f, items: counts.get(f.id) ?? 0, owners: done.owners.filter((o) => o.feedId === f.id) }));
        out(options.json ? JSON.stringify(json(), null, 2) : formatFeedTable(done.feeds, counts));
      }),
    );

  feeds
    .command('remove <idOrUrl>')
    .description('stop watching a feed (by id or URL); its items stay as sources of the timeline (see `feeds purge`)')
    .action((idOrUrl: string, _options: unknown, cmd: Command) =>
      withApp(cmd.optsWithGlobals<GlobalOptions>(), async (app, out) => {
        const { feed } = doneOf(await runDefinition(feedsCommand, { action: 'remove', url: idOrUrl }, cliContext(app), 'FEED_INVALID'), 'remove');
        out(
          `Removed feed #${feed.id} "${feed.name}" (${feed.url}): no longer polled; its ${await app.store.countItems(feed.id)} item(s) stay as sources of the timeline (\`feeds purge ${feed.id} --yes\` deletes them).`,
        );
        if (app.config.feeds.some((f) => f.url === feed.url)) {
          out(`Note: it is listed in ${app.config.dir}/feeds.yml and will come back at the next \`run\` unless removed there.`);
        }
      }),
    );

  registerFeedLifecycleCommands(feeds);
  registerOpmlCommands(feeds);
}
