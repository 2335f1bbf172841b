import pLimit from 'p-limit';
import { parseOpml, type OpmlContents } from '../src/pipeline/parse/opml.js';
import { decodeBody } from '../src/pipeline/parse/decode.js';
import { err, ok, type Result } from '../src/core/result.js';
import { findFeed } from '../src/pipeline/find-feed.js';
import { addFeedFor } from './feed-add.js';
import { audit, failed, note, type Answer, type CommandContext } from './command.js';

/** At most this many feeds are taken from one OPML file (MonitoRSS-like guard against a server flooding the poller). */
export const OPML_MAX_FEEDS = 200;
/** An OPML file larger than this is refused. */
export const OPML_MAX_BYTES = 1_000_000;
/** Feeds of one import fetched at the same time (each is fetched once to take its baseline). */
const PARALLEL_ADDS = 4;

/** What became of one feed of an imported OPML file. */
export interface ImportedFeed {
  url: string;
  outcome: 'added' | 'exists' | 'failed';
  /** The stored feed's id when it was added. */
  feedId: number | null;
  /** Added: the baseline size; exists/failed: the code and reason. */
  detail: string;
}

/** What `/feeds import` did. */
export interface FeedsImported {
  action: 'import';
  title: string | null;
  feeds: ImportedFeed[];
  skipped: OpmlContents['skipped'];
}

/** Downloads the OPML file a chat user attached or linked, through the same guarded HTTP client as feeds. */
async function download(ctx: CommandContext, url: string): Promise<Result<string>> {
  const got = await ctx.services.http.get({ url });
  if (!got.ok) return err('OPML_FETCH_FAILED', `could not download the OPML file: ${got.error.code}: ${got.error.message}`);
  if (got.value.kind !== 'fetched') return err('OPML_FETCH_FAILED', 'could not download the OPML file: the server answered "not modified"');
  if (got.value.body.length > OPML_MAX_BYTES) return err('OPML_TOO_LARGE', `the OPML file is larger than ${OPML_MAX_BYTES / 1_000_000} MB`);
  return ok(decodeBody(got.value.body, got.value.contentType).text);
}

/** True when the asker already watches `url` (an active feed this server owns; any operator-level one for operators): no fetch needed to say so. */
async function alreadyWatched(ctx: CommandContext, url: string): Promise<boolean> {
  const feed = await findFeed(ctx.services.store, url);
  if (!feed || feed.state !== 'active') return false;
  if (ctx.level === 'operator') return feed.operatorOwned;
  const owners = await ctx.services.store.listFeedOwners(feed.id);
  return owners.some((o) => o.platform === ctx.platform && o.tenantId === ctx.tenantId && o.removedAt === null);
}

/** One line of the answer for one feed. */
function resultLine(f: ImportedFeed): string {
  const mark = f.outcome === 'added' ? 'added' : f.outcome === 'exists' ? 'already watched' : 'not added';
  return `${mark}: ${f.url}${f.detail ? ` (${f.detail})` : ''}`;
}

/**
 * Imports the feeds of an OPML file, each added as `/feeds add` adds one (fetched now, its backlog a
 * baseline, owned by the asker's server, audited); a feed already watched is reported, not changed.
 * The OPML text is given by the CLI, or downloaded from `fileUrl` (a Discord attachment, or a link).
 */
export async function importFeeds(
  ctx: CommandContext,
  source: { text?: string | undefined; fileUrl?: string | undefined },
  interval: number | undefined,
): Promise<Answer<FeedsImported>> {
  const text = source.text !== undefined ? ok(source.text) : await download(ctx, source.fileUrl ?? '');
  const parsed = text.ok ? parseOpml(text.value) : text;
  const origin = source.fileUrl ?? 'OPML file';
  if (!parsed.ok) {
    await audit(ctx, 'feeds.import', origin, 'refused', `${parsed.error.code}: ${parsed.error.message}`);
    return failed('OPML not imported', parsed.error.code, parsed.error.message, parsed.error.code !== 'OPML_FETCH_FAILED');
  }
  const { title, feeds, skipped } = parsed.value;
  if (feeds.length > OPML_MAX_FEEDS) {
    await audit(ctx, 'feeds.import', origin, 'refused', `OPML_TOO_MANY_FEEDS: ${feeds.length}`);
    return failed('OPML not imported', 'OPML_TOO_MANY_FEEDS', `the file lists ${feeds.length} feeds; import at most ${OPML_MAX_FEEDS} at a time`);
  }
  const limit = pLimit(PARALLEL_ADDS);
  const results = await Promise.all(
    feeds.map((f) =>
      limit(async (): Promise<ImportedFeed> => {
        if (await alreadyWatched(ctx, f.url)) return { url: f.url, outcome: 'exists', feedId: null, detail: '' };
        const added = await addFeedFor(ctx, { url: f.url, ...(f.name ? { name: f.name } : {}), interval, ...(f.language ? { language: f.language } : {}) });
        if (added.done) return { url: f.url, outcome: 'added', feedId: added.done.report.feed.id, detail: `#${added.done.report.feed.id}` };
        const code = added.failure?.code ?? 'FEED_NOT_ADDED';
        return {
          url: f.url,
          outcome: code === 'FEED_EXISTS' ? 'exists' : 'failed',
          feedId: null,
          detail: code === 'FEED_EXISTS' ? '' : (added.failure?.message ?? code),
        };
      }),
    ),
  );
  const count = (o: ImportedFeed['outcome']) => results.filter((r) => r.outcome === o).length;
  const summary = `${count('added')} added, ${count('exists')} already watched, ${count('failed')} not added, ${skipped.length} skipped`;
  await audit(ctx, 'feeds.import', title ? `${origin} "${title}"` : origin, count('failed') === feeds.length ? 'error' : 'ok', summary);
  const lines = [`${feeds.length} feed(s) in ${title ? `"${title}"` : 'the file'}: ${summary}.`, ...results.map(resultLine)];
  for (const s of skipped) lines.push(`skipped: ${s.outline} (${s.reason})`);
  return { ...note('Feeds imported', ...lines), done: { action: 'import', title, feeds: results, skipped } };
}
