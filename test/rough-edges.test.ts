import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type CommandContext, type CommandServices } from '../commands/command.js';
import { findCommand } from '../commands/index.js';
import { createLogger } from '../src/core/logger.js';
import { processItem } from '../src/pipeline/process-item.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startFeedServer, staticFeed, status, type FeedServer } from './fakes/feed-server.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { rss } from './helpers/rss.js';
import { seededServices } from './helpers/services.js';
import { bundledStory, seedItems } from './helpers/stories.js';

const CLI = path.resolve('dist/src/cli.js');
const LEVELS = 'fatal, error, warn, info, debug, trace, silent';
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const STORY = 'iran-pakistan-2024';
const items = [
  { title: 'Pakistan strikes militant hideouts in Iran', link: 'https://news.example/strike', html: '<p>Pakistan carried out strikes on Thursday.</p>' },
  { title: 'Iran summons the Pakistani envoy', link: 'https://news.example/envoy', html: '<p>Tehran summoned the envoy.</p>' },
];
const UNTITLED =
  '<?xml version="1.0"?><rss version="2.0"><channel><link>http://127.0.0.1/</link><item><title>Only item</title><link>https://news.example/only</link></item></channel></rss>';
const NO_CHANNEL = '<?xml version="1.0"?><rss version="2.0"><item><title>Stray item</title></item></rss>';
const MIXED_JSON = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON Wire',
  items: [
    { id: 'a', title: 'First story', url: 'https://news.example/a' },
    { id: 'b', title: 5 },
    { id: 'c', content_html: {} },
    'not an item',
    { id: 'd', title: 'Last story', url: 'https://news.example/d' },
  ],
});

/** One line on stderr, no stack frame: what a CLI user may see of an error. */
function expectOneLine(r: CliResult, code: number, pattern: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.err).toMatch(pattern);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/^\s+at /m);
}

/** Runs the CLI with its stdout closed before it writes a byte, as `| head -0` does. */
function runWithClosedStdout(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out: '', err }));
  });
}

describe('rough edges a CLI user meets', () => {
  let server: FeedServer;
  let dir: string;
  let config: string;
  const db = (name: string) => path.join(dir, name);
  const cli = (dbName: string, args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['--config', config, '--db', db(dbName), ...args], env);

  beforeAll(async () => {
    server = await startFeedServer();
    server.route('/titled.xml', staticFeed({ body: rss(items, { title: 'Gulf Wire' }) }));
    server.route('/untitled.xml', staticFeed({ body: UNTITLED }));
    server.route('/no-channel.xml', staticFeed({ body: NO_CHANNEL }));
    server.route('/mixed.json', staticFeed({ body: MIXED_JSON, contentType: 'application/feed+json' }));
    server.route('/gone', status(410));
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-edges-'));
    config = path.join(dir, 'config');
    mkdirSync(config);
    cpSync(path.join('config', 'stories'), path.join(config, 'stories'), { recursive: true });
    writeFileSync(path.join(config, 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\n  timeoutMs: 2000\n');
    const store = openSqliteStore(db('seeded.db'));
    const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'Seeds', intervalSec: 86_400 }, new Date());
    if (!feed.ok) throw new Error(feed.error.message);
    for (const seed of seedItems()) await processItem(seed, feed.value.id, [bundledStory(STORY)], { store, log: createLogger('silent'), now: new Date() });
    await store.close();
    const lines = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({ id: i, title: `Pakistan strikes Iran, report ${i}`, summary: 'Pakistan carried out strikes in Iran.' }),
    );
    writeFileSync(path.join(dir, 'big.jsonl'), `${lines.join('\n')}\n`);
  }, 60_000);
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a missing or unreadable --input is INPUT_NOT_FOUND / INPUT_NOT_READABLE with exit code 2, for match, eval and replay', async () => {
    const missing = path.join(dir, 'nonexistent.jsonl');
    const [match, evaluate, replay, folder] = await Promise.all([
      cli('x.db', ['match', '--story', STORY, '--input', missing]),
      cli('x.db', ['eval', '--story', STORY, '--input', path.join(dir, 'nonexistent', 'labels.jsonl')]),
      cli('x.db', ['replay', '--story', STORY, '--input', missing]),
      cli('x.db', ['match', '--story', STORY, '--input', dir]),
    ]);
    expectOneLine(match, 2, new RegExp(`^storywatch: INPUT_NOT_FOUND: ${missing}: no such file`));
    expectOneLine(evaluate, 2, new RegExp(`^storywatch: INPUT_NOT_FOUND: ${path.join(dir, 'nonexistent', 'labels.jsonl')}: no such file`));
    expectOneLine(replay, 2, new RegExp(`^storywatch: INPUT_NOT_FOUND: ${missing}: no such file`));
    expectOneLine(folder, 2, new RegExp(`^storywatch: INPUT_NOT_READABLE: ${dir}: is a directory`));
  });

  it('a closed stdout (| head) ends timeline and match quietly with status 0', async () => {
    const [timeline, match] = await Promise.all([
      runWithClosedStdout(['--config', config, '--db', db('seeded.db'), 'timeline', '--story', STORY]),
      runWithClosedStdout(['--config', config, 'match', '--story', STORY, '--input', path.join(dir, 'big.jsonl')]),
    ]);
    expect(timeline).toEqual({ code: 0, out: '', err: '' });
    expect(match).toEqual({ code: 0, out: '', err: '' });
  });

  it('an unknown log level is LOG_LEVEL_INVALID naming the allowed levels, exit code 2', async () => {
    const [flag, equals, env] = await Promise.all([
      cli('x.db', ['--log-level', 'loud', 'timeline']),
      runCli(['--log-level=loud', 'match', '--input', '-']),
      cli('x.db', ['feeds', 'list'], { LOG_LEVEL: 'loud' }),
    ]);
    expectOneLine(flag, 2, new RegExp(`^storywatch: LOG_LEVEL_INVALID: --log-level "loud" is not a log level; use one of ${LEVELS}\\.`));
    expectOneLine(equals, 2, /^storywatch: LOG_LEVEL_INVALID: --log-level "loud"/);
    expectOneLine(env, 2, new RegExp(`^storywatch: LOG_LEVEL_INVALID: LOG_LEVEL "loud" is not a log level; use one of ${LEVELS}\\.`));
  });

  it('--version prints the package version', async () => {
    const [long, short] = await Promise.all([runCli(['--version']), runCli(['-V'])]);
    expect(long).toEqual({ code: 0, out: `${VERSION}\n`, err: '' });
    expect(short.out).toBe(`${VERSION}\n`);
  });

  it('an unexpected error is one INTERNAL_ERROR line; its details only at debug level', async () => {
    await openSqliteStore(db('broken.db')).close();
    const raw = new Database(db('broken.db'));
    raw.exec("CREATE TRIGGER refuse BEFORE INSERT ON subscriptions BEGIN SELECT RAISE(ABORT, 'disk says no'); END;");
    raw.close();
    const args = ['subscribe', '--platform', 'slack', '--channel', 'C0EDGE12345', '--story', STORY];
    const [quiet, debug] = await Promise.all([cli('broken.db', args), cli('broken.db', ['--log-level', 'debug', ...args])]);
    expectOneLine(quiet, 1, /^storywatch: INTERNAL_ERROR: disk says no \(run with --log-level debug for details\)$/m);
    expect(debug.code).toBe(1);
    expect(debug.err.split('\n')[0]).toBe('storywatch: INTERNAL_ERROR: disk says no');
    expect(debug.err).toMatch(/"level":20,.*"stack":"SqliteError: disk says no/);
  });

  it('feeds add: normalized URLs, 404/410 and malformed feeds refused and not stored, title as default name, bad JSON Feed items skipped alone', async () => {
    const origin = server.url('');
    const titled = await cli('feeds.db', ['feeds', 'add', server.url('/titled.xml?utm_source=newsletter&utm_medium=email')]);
    expect(titled).toMatchObject({ code: 0, err: '' });
    expect(titled.out).toContain(`Added feed #1 "Gulf Wire" (${origin}/titled.xml)`);
    const untitled = await cli('feeds.db', ['feeds', 'add', server.url('/untitled.xml#top')]);
    expect(untitled.out).toContain(`Added feed #2 "127.0.0.1" (${origin}/untitled.xml)`);

    const again = await cli('feeds.db', ['feeds', 'add', `${origin.replace('http:', 'HTTP:')}/titled.xml?fbclid=abc#latest`]);
    expectOneLine(again, 1, /^storywatch: FEED_EXISTS: .*\/titled\.xml is already watched/);
    for (const missing of ['/missing.xml', '/gone']) {
      const r = await cli('feeds.db', ['feeds', 'add', server.url(missing)]);
      expectOneLine(r, 2, new RegExp(`^storywatch: FEED_NOT_FOUND: ${server.url(missing)} was not added: the server has no feed there \\(HTTP 4(04|10)`));
    }
    const malformed = await cli('feeds.db', ['feeds', 'add', server.url('/no-channel.xml')]);
    expectOneLine(malformed, 2, /^storywatch: FEED_MALFORMED: .* was not added: RSS document has no <channel> element/);
    expect(malformed.err).not.toContain('Cannot read properties');

    const mixed = await cli('feeds.db', ['--log-level', 'warn', 'feeds', 'add', server.url('/mixed.json')]);
    expect(mixed.code).toBe(0);
    expect(mixed.out).toContain('Added feed #3 "JSON Wire"');
    expect(mixed.out).toContain('Baseline: 2 item(s) already in the feed recorded');
    const warnings = mixed.err
      .split('\n')
      .filter((l) => l.includes('"level":40'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(warnings.map((w) => [w.feed, w.index, w.item, w.code])).toEqual([
      [server.url('/mixed.json'), 1, 'b', 'FEED_ITEM_INVALID'],
      [server.url('/mixed.json'), 2, 'c', 'FEED_ITEM_INVALID'],
      [server.url('/mixed.json'), 3, undefined, 'FEED_ITEM_INVALID'],
    ]);

    const list = JSON.parse((await cli('feeds.db', ['feeds', 'list', '--json'])).out) as { name: string; url: string; items: number }[];
    expect(list.map((f) => [f.name, f.url, f.items])).toEqual([
      ['Gulf Wire', `${origin}/titled.xml`, 2],
      ['127.0.0.1', `${origin}/untitled.xml`, 1],
      ['JSON Wire', `${origin}/mixed.json`, 2],
    ]);
    const removed = await cli('feeds.db', ['feeds', 'remove', `${origin.replace('http:', 'HTTP:')}/untitled.xml?utm_campaign=x#frag`]);
    expect(removed).toMatchObject({ code: 0, out: expect.stringContaining('Removed feed #2 "127.0.0.1"') });
  }, 120_000);
});

describe('/feeds add shares the same rules', () => {
  let services: CommandServices;
  let close: () => Promise<void>;
  let server: FeedServer;
  const ctx: () => CommandContext = () => ({ platform: 'slack', userId: 'U0ADMIN', channelId: 'C0NEWS', tenantId: 'T0TEAM', level: 'server-admin', services });
  const feeds = (raw: Record<string, unknown>) => runCommand(findCommand('feeds')!, raw, ctx());

  beforeAll(async () => {
    ({ services, close } = await seededServices());
    server = await startFeedServer();
    server.route('/titled.xml', staticFeed({ body: rss(items, { title: 'Gulf Wire' }) }));
  });
  afterAll(async () => {
    await server.close();
    await close();
  });

  it('names the feed after its title, refuses a 404 and a spelling of a watched feed, and removes by any spelling', async () => {
    const added = await feeds({ action: 'add', url: server.url('/titled.xml?utm_source=x') });
    expect(added.title).toBe('Feed added');
    expect(added.lines[0]).toMatch(/^#\d+ Gulf Wire: 2 item\(s\) recorded as a baseline/);
    expect((await feeds({ action: 'add', url: server.url('/titled.xml#again') })).lines[0]).toMatch(/^FEED_EXISTS: /);
    const missing = await feeds({ action: 'add', url: server.url('/missing.xml') });
    expect([missing.title, missing.lines[0]]).toEqual(['Feed not added', expect.stringMatching(/^FEED_NOT_FOUND: .*missing\.xml was not added/)]);
    expect((await services.store.listFeeds()).map((f) => f.url)).toEqual(['https://seeds.example/feed', server.url('/titled.xml')]);
    expect((await feeds({ action: 'remove', url: server.url('/titled.xml?fbclid=1') })).title).toBe('Feed removed');
  });
});

describe('storywatch serve: address and Slack timestamps', () => {
  const SECRET = 'edges-signing-secret';
  let dir: string;
  let child: ChildProcess;
  let base: string;
  let listening: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-edges-serve-'));
    mkdirSync(path.join(dir, 'config'));
    cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
    const { HOST: _host, ...env } = process.env;
    child = spawn(process.execPath, [CLI, '--config', path.join(dir, 'config'), '--db', path.join(dir, 'sw.db'), 'serve', '--port', '0'], {
      env: { ...env, LOG_LEVEL: 'silent', SLACK_SIGNING_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    listening = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString('utf8');
        const line = /^Listening on .*$/m.exec(out)?.[0];
        if (line) resolve(line);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    base = `http://127.0.0.1:${/port (\d+)/.exec(listening)?.[1]}`;
  }, 60_000);
  afterAll(async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  });

  const slack = (stamp: number) => {
    const body = new URLSearchParams({
      command: '/timeline',
      text: '',
      user_id: 'U0EDGE',
      channel_id: 'C0EDGE',
      team_id: 'T0EDGE',
      response_url: `${base}/nowhere`,
      trigger_id: '1.2.3',
      token: 'x',
    }).toString();
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${stamp}:${body}`).digest('hex')}`;
    return fetch(`${base}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(stamp), 'x-slack-signature': signature },
    });
  };

  it('listens on 127.0.0.1 by default and says so', () => {
    expect(listening).toMatch(
      /^Listening on port \d+ at 127\.0\.0\.1: GET \/healthz, GET \/stories\/<id>, GET \/stories\/<id>\/feed\.xml\|feed\.json, GET \/api\/stories\/<id>\/timeline, GET \/status, GET \/metrics, POST \/slack\/events, POST \/status\/login$/,
    );
  });

  it('refuses a correctly signed Slack request stamped 10 minutes in the future, like an old one', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await slack(now + 10 * 60)).status).toBe(401);
    expect((await slack(now - 10 * 60)).status).toBe(401);
    expect((await slack(now)).status).toBe(200);
  });

  it('refuses a bad --host or HOST with a clear error, exit code 2', async () => {
    const args = ['--config', path.join(dir, 'config'), '--db', path.join(dir, 'other.db'), 'serve', '--port', '0'];
    const [flag, env] = await Promise.all([runCli([...args, '--host', 'not a host!']), runCli(args, { HOST: 'bad host' })]);
    expectOneLine(flag, 2, /^storywatch: HOST_INVALID: --host "not a host!": expected an IP address or host name/);
    expect(env.code).toBe(2);
    expect(env.err).toContain('HOST: expected an IP address or host name to listen on');
  });
});
