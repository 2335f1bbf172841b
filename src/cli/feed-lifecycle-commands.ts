import type { Command } from 'commander';
import type { FeedRecord } from '../core/feed.js';
import type { App } from '../main.js';
import { findFeed } from '../pipeline/find-feed.js';
import { auditCli } from './cli-audit.js';
import { withApp, type GlobalOptions } from './with-app.js';

/** The feed named by id or URL, or FEED_NOT_FOUND (exit 1). */
async function feedNamed(app: App, idOrUrl: string): Promise<FeedRecord> {
  const feed = await findFeed(app.store, idOrUrl);
  if (!feed) throw Object.assign(new Error(`FEED_NOT_FOUND: no feed with id or URL ${idOrUrl} (see \`storywatch feeds list\`)`), { exitCode: 1 });
  return feed;
}

/** Registers `feeds purge <idOrUrl> --yes` and `feeds resume <idOrUrl>` under `feeds`. */
export function registerFeedLifecycleCommands(feeds: Command): void {
  feeds
    .command('purge <idOrUrl>')
    .description('delete a feed and its items for good (developments lose them as sources); asks for --yes')
    .option('--yes', 'really delete')
    .action((idOrUrl: string, options: { yes?: boolean }, cmd: Command) =>
      withApp(cmd.optsWithGlobals<GlobalOptions>(), async (app, out) => {
        const feed = await feedNamed(app, idOrUrl);
        const items = await app.store.countItems(feed.id);
        const what = `feed #${feed.id} "${feed.name}" (${feed.url}, ${feed.state}) and its ${items} item(s); developments they reported lose them as sources and links`;
        if (!options.yes) {
          await auditCli(app, 'feeds.purge', `feed #${feed.id} ${feed.url}`, 'refused', 'FEED_PURGE_UNCONFIRMED: no --yes');
          throw Object.assign(
            new Error(
              `FEED_PURGE_UNCONFIRMED: this would delete ${what}. Nothing was deleted; run again with --yes to delete, or use \`feeds remove\` to stop polling and keep the history.`,
            ),
            { exitCode: 2 },
          );
        }
        await app.store.purgeFeed(feed.id);
        await auditCli(app, 'feeds.purge', `feed #${feed.id} ${feed.url}`, 'ok', `${items} item(s) deleted`);
        out(`Purged ${what}.`);
      }),
    );

  feeds
    .command('resume <idOrUrl>')
    .description('poll a paused or removed feed again (e.g. one paused after 410 Gone or repeated 404s)')
    .action((idOrUrl: string, _options: unknown, cmd: Command) =>
      withApp(cmd.optsWithGlobals<GlobalOptions>(), async (app, out) => {
        const feed = await feedNamed(app, idOrUrl);
        if (feed.state === 'active') {
          out(`Feed #${feed.id} "${feed.name}" is already active.`);
          return;
        }
        await app.store.setFeedState(feed.id, 'active', null, app.clock.now());
        await auditCli(app, 'feeds.resume', `feed #${feed.id} ${feed.url}`, 'ok', `was ${feed.state}${feed.pausedReason ? ` (${feed.pausedReason})` : ''}`);
        out(`Resumed feed #${feed.id} "${feed.name}" (${feed.url}); it is polled from now on.`);
      }),
    );
}
