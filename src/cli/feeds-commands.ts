import type { Command } from 'commander';
import { parseDurationSec } from '../config/duration.js';
import { feedSchema } from '../config/schemas.js';
import { findFeed } from '../pipeline/find-feed.js';
import { formatFeedTable, formatInterval } from './feed-table.js';
import { withApp, type GlobalOptions } from './with-app.js';
import { auditCli } from './cli-audit.js';
import { registerFeedLifecycleCommands } from './feed-lifecycle-commands.js';

interface AddOptions {
  name?: string;
  interval?: string;
  language?: string;
  backfill?: boolean;
}

/** Registers `feeds add|list|remove` on the program. */
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
        const checked = feedSchema.safeParse({ url, name: options.name, language: options.language, interval: options.interval });
        if (!checked.success) {
          const why = checked.error.issues.map((i) => `--${String(i.path[0] ?? 'url')}: ${i.message}`).join('; ');
          throw Object.assign(new Error(`FEED_INVALID: ${why}`), { exitCode: 2 });
        }
        const intervalSec = (options.interval && parseDurationSec(options.interval)) || app.config.schedules.poll.defaultInterval;
        const input = { url: checked.data.url, name: options.name, language: options.language ?? null, intervalSec };
        const { addFeed } = await import('../pipeline/add-feed.js'); // fetch, parse and match load only for `feeds add`
        const added = await addFeed(input, app, { backfill: options.backfill });
        if (!added.ok) {
          await auditCli(app, 'feeds.add', input.url, added.error.code === 'FEED_EXISTS' ? 'refused' : 'error', `${added.error.code}: ${added.error.message}`);
          // A URL that serves no feed is bad input (2); a feed already watched is a conflict (1).
          throw Object.assign(new Error(`${added.error.code}: ${added.error.message}`), { exitCode: added.error.code === 'FEED_EXISTS' ? 1 : 2 });
        }
        const r = added.value;
        await auditCli(app, 'feeds.add', `feed #${r.feed.id} ${r.feed.url}`, 'ok');
        out(`Added feed #${r.feed.id} "${r.feed.name}" (${r.feed.url}), polled every ${formatInterval(intervalSec)}.`);
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
        const list = await app.store.listFeeds();
        const counts = new Map<number, number>();
        for (const f of list) counts.set(f.id, await app.store.countItems(f.id));
        const owners = options.json ? await app.store.listFeedOwners() : [];
        const json = () => list.map((f) => ({ ...f, items: counts.get(f.id) ?? 0, owners: owners.filter((o) => o.feedId === f.id) }));
        out(options.json ? JSON.stringify(json(), null, 2) : formatFeedTable(list, counts));
      }),
    );

  feeds
    .command('remove <idOrUrl>')
    .description('stop watching a feed (by id or URL); its items stay as sources of the timeline (see `feeds purge`)')
    .action((idOrUrl: string, _options: unknown, cmd: Command) =>
      withApp(cmd.optsWithGlobals<GlobalOptions>(), async (app, out) => {
        const feed = await findFeed(app.store, idOrUrl);
        if (!feed || !(await app.store.removeFeed(feed.id, { at: app.clock.now() }))) {
          await auditCli(app, 'feeds.remove', `feed ${idOrUrl}`, 'refused', 'FEED_NOT_FOUND');
          throw Object.assign(new Error(`FEED_NOT_FOUND: no active feed with id or URL ${idOrUrl} (see \`storywatch feeds list\`)`), { exitCode: 1 });
        }
        await auditCli(app, 'feeds.remove', `feed #${feed.id} ${feed.url}`, 'ok');
        out(`Removed feed #${feed.id} "${feed.name}" (${feed.url}): no longer polled; its ${await app.store.countItems(feed.id)} item(s) stay as sources of the timeline (\`feeds purge ${feed.id} --yes\` deletes them).`);
        if (app.config.feeds.some((f) => f.url === feed.url)) {
          out(`Note: it is listed in ${app.config.dir}/feeds.yml and will come back at the next \`run\` unless removed there.`);
        }
      }),
    );

  registerFeedLifecycleCommands(feeds);
}
