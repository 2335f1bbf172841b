import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedArticles } from '../src/demo/seed-articles.js';
import { startSeedFeedServer, type SeedFeedServer } from '../src/demo/seed-feed-server.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { runCli } from './helpers/cli.js';

const PG_URL = process.env.STORYWATCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DISCORD_CHANNEL = '556677889900112233';
const SLACK_CHANNEL = 'C0WORKERS';

async function waitFor(what: string, check: () => boolean | Promise<boolean>, logs: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the workers logged:\n${logs()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Issue 8's done-when: three workers on one PostgreSQL, one killed mid-run, exactly two alerts and
 * one digest per channel. Each worker is a plain `storywatch run`; the store's claims share the work.
 */
describe('three storywatch workers sharing one PostgreSQL', () => {
  const schema = `sw_workers_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  let feeds: SeedFeedServer;
  let discord: DiscordServer;
  let slack: SlackServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const workers: ChildProcess[] = [];
  const cli = (...args: string[]) => runCli(['--config', path.join(dir, 'config'), ...args], env);

  beforeAll(async () => {
    await admin.connect().catch((e: Error) => {
      throw new Error(`PostgreSQL is needed at ${PG_URL} (CI starts it): ${e.message}`);
    });
    await admin.query(`CREATE SCHEMA ${schema}`);
    feeds = await startSeedFeedServer(loadSeedArticles(path.join('test', 'fixtures', 'seeds')));
    discord = await startDiscordServer({ channels: [DISCORD_CHANNEL] });
    slack = await startSlackServer({ channels: [SLACK_CHANNEL] });
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-workers-'));
    mkdirSync(path.join(dir, 'config'));
    cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
    // Short leases, so that the feed a killed worker held is fetched again within seconds, and the
    // messages it had claimed are sent by another worker within seconds too; a tick every second.
    writeFileSync(
      path.join(dir, 'config', 'storywatch.yml'),
      ['fetch:', '  allowPrivateNetworks: true', '  timeoutMs: 4000', '  leaseSeconds: 6', 'delivery:', '  claimSeconds: 5'].join('\n'),
    );
    writeFileSync(path.join(dir, 'config', 'schedules.yml'), ['poll:', "  tick: '* * * * * *'", '  concurrency: 2'].join('\n'));
    env = {
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: schema,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_API_URL: slack.apiUrl,
    };
  }, 30_000);

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await Promise.all([feeds.close(), discord.close(), slack.close()]);
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers exactly two alerts and one digest per channel, though a worker dies', async () => {
    for (const [platform, channel] of [
      ['discord', DISCORD_CHANNEL],
      ['slack', SLACK_CHANNEL],
    ] as const) {
      const r = await cli('subscribe', '--platform', platform, '--channel', channel, '--story', 'iran-pakistan-2024');
      expect(r.code, r.err).toBe(0);
    }
    expect((await cli('feeds', 'add', feeds.feedUrl, '--name', 'Seeds')).out).toContain('Baseline: 0 item(s)');
    const cliArgs = [path.resolve('dist/src/cli.js'), '--config', path.join(dir, 'config'), 'run'];
    const logFiles = [0, 1, 2].map((i) => path.join(dir, `worker-${i}.log`));
    for (const file of logFiles) {
      const log = openSync(file, 'w');
      workers.push(spawn(process.execPath, cliArgs, { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', log, log] }));
    }
    // Shown when a wait times out: the last lines each worker wrote.
    const logs = () => logFiles.map((f, i) => `--- worker ${i}\n${readFileSync(f, 'utf8').split('\n').slice(-25).join('\n')}`).join('\n');

    const items = async () => Number((await admin.query(`SELECT count(*) AS n FROM ${schema}.items`)).rows[0].n);
    let published = 0;
    for (let next = feeds.releaseNext(); next; next = feeds.releaseNext()) {
      published += 1;
      // Time passes: the feed is due again (its interval is 10 minutes). Repeated while waiting,
      // since a poll finishing meanwhile sets its next check 10 minutes ahead again.
      await waitFor(
        `item ${published} to be stored`,
        async () => {
          await admin.query(`UPDATE ${schema}.feeds SET next_check_at = to_timestamp(0)`);
          return (await items()) >= published;
        },
        logs,
      );
      if (published === 2) workers[1]?.kill('SIGKILL');
    }
    await waitFor('two alerts in each channel', () => discord.messages(DISCORD_CHANNEL).length >= 2 && slack.messages(SLACK_CHANNEL).length >= 2, logs);

    const digest = await cli('digest', '--now');
    expect(digest.out, digest.err).toContain('Digest: 2 queued; the workers will send them.');
    await waitFor('one digest in each channel', () => discord.messages(DISCORD_CHANNEL).length >= 3 && slack.messages(SLACK_CHANNEL).length >= 3, logs);
    await new Promise((r) => setTimeout(r, 2000));

    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(3);
    // Slack: two alerts and the digest in the channel, and the digest's chart once, in its thread (decision 031).
    const channel = slack.messages(SLACK_CHANNEL).filter((m) => m.thread_ts === undefined);
    expect(channel).toHaveLength(3);
    expect(slack.messages(SLACK_CHANNEL).filter((m) => m.thread_ts === channel[2]?.ts)).toHaveLength(1);
    const developments = await admin.query(`SELECT date FROM ${schema}.developments ORDER BY date`);
    expect(developments.rows.map((r: { date: string }) => r.date)).toEqual(['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29']);
    expect(Number((await admin.query(`SELECT count(*) AS n FROM ${schema}.alerts`)).rows[0].n)).toBe(2);
    // Every item was matched and merged, including any the killed worker had stored but not processed.
    expect(Number((await admin.query(`SELECT count(*) AS n FROM ${schema}.items WHERE pending`)).rows[0].n)).toBe(0);
  }, 180_000);
});
