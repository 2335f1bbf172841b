import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { doneOf, feedsCommand } from '../../commands/feeds.js';
import { decodeBody } from '../pipeline/parse/decode.js';
import { buildOpml } from '../pipeline/parse/opml.js';
import { cliContext } from './cli-audit.js';
import { inputError } from './input-error.js';
import { runDefinition } from './run-definition.js';
import { withApp, type GlobalOptions } from './with-app.js';

/** Reads an OPML file from disk in the encoding its XML declaration names, or fails with OPML_UNREADABLE (exit 2). */
async function readOpml(path: string): Promise<string> {
  try {
    return decodeBody(await readFile(path), null).text;
  } catch (error) {
    throw inputError('OPML_UNREADABLE', `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Registers `feeds import <file.opml>` (the `/feeds import` definition run as operator: each feed
 * added as `feeds add` adds one) and `feeds export` (the watched feeds as OPML 2.0, on stdout or `--out`).
 */
export function registerOpmlCommands(feeds: Command): void {
  feeds
    .command('import <file>')
    .description('add every feed of an OPML file (as `feeds add` does: fetched now, backlog as baseline); feeds already watched are left as they are')
    .option('--interval <duration>', 'poll interval of the added feeds (default: schedules.yml poll.defaultInterval)')
    .action((file: string, options: { interval?: string }, cmd: Command) =>
      withApp(cmd.optsWithGlobals<GlobalOptions>(), async (app, out) => {
        const raw = { action: 'import', opml: await readOpml(file), interval: options.interval };
        const done = doneOf(await runDefinition(feedsCommand, raw, cliContext(app), 'FEED_INVALID'), 'import');
        for (const f of done.feeds) out(`${f.outcome.padEnd(7)} ${f.url}${f.detail ? `  ${f.detail}` : ''}`);
        for (const s of done.skipped) out(`skipped ${s.outline}  ${s.reason}`);
        const added = done.feeds.filter((f) => f.outcome === 'added').length;
        out(`Imported ${added} of ${done.feeds.length} feed(s)${done.title ? ` from "${done.title}"` : ''}.`);
        if (added === 0 && done.feeds.some((f) => f.outcome === 'failed')) process.exitCode = 1;
      }),
    );

  feeds
    .command('export')
    .description('write the watched feeds (active and paused; not removed ones) as an OPML 2.0 file for other feed readers')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((options: { out?: string }, cmd: Command) =>
      withApp(cmd.optsWithGlobals<GlobalOptions>(), async (app, out) => {
        const feeds = (await app.store.listFeeds()).filter((f) => f.state !== 'removed');
        const opml = buildOpml(feeds, 'storywatch feeds', app.clock.now());
        if (options.out === undefined) process.stdout.write(opml);
        else {
          await writeFile(options.out, opml, 'utf8');
          out(`Wrote ${feeds.length} feed(s) to ${options.out}.`);
        }
      }),
    );
}
