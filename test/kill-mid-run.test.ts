import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedArticles } from '../src/demo/seed-articles.js';
import { startSeedFeedServer, type SeedFeedServer } from '../src/demo/seed-feed-server.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { runCli } from './helpers/cli.js';

/**
 * Regression test for issue 11's "`kill -9` mid-run lost and duplicated nothing": one database is
 * polled and delivered by `run --once` processes killed with SIGKILL at spread-out moments, then by
 * one that finishes; its timeline and the messages its channels received equal those of a database
 * whose single run was never interrupted.
 */

const STORY = 'iran-pakistan-2024';
const KILLS = 6;

interface Setup {
  dir: string;
  discordChannel: string;
  slackChannel: string;
}

describe('run --once killed with SIGKILL at any moment', () => {
  let feeds: SeedFeedServer;
  let discord: DiscordServer;
  let slack: SlackServer;
  let env: NodeJS.ProcessEnv;
  const reference: Setup = { dir: '', discordChannel: '110000000000000001', slackChannel: 'C0REFERENCE' };
  const crashed: Setup = { dir: '', discordChannel: '110000000000000002', slackChannel: 'C0CRASHED' };
  const args = (s: Setup, ...rest: string[]): string[] => ['--config', path.join(s.dir, 'config'), '--db', path.join(s.dir, 'sw.db'), ...rest];

  beforeAll(async () => {
    feeds = await startSeedFeedServer(loadSeedArticles(path.join('test', 'fixtures', 'seeds')));
    discord = await startDiscordServer({ channels: [reference.discordChannel, crashed.discordChannel] });
    slack = await startSlackServer({ channels: [reference.slackChannel, crashed.slackChannel] });
    env = { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl };
    for (const s of [reference, crashed]) {
      s.dir = mkdtempSync(path.join(tmpdir(), 'storywatch-kill-'));
      mkdirSync(path.join(s.dir, 'config'));
      cpSync(path.join('config', 'stories'), path.join(s.dir, 'config', 'stories'), { recursive: true });
      // A killed dispatcher's claim on a message lapses after a second here (timePasses makes it lapse at once).
      writeFileSync(path.join(s.dir, 'config', 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\ndelivery:\n  claimSeconds: 1\n');
      for (const [platform, channel] of [
        ['discord', s.discordChannel],
        ['slack', s.slackChannel],
      ] as const) {
        const subscribed = await runCli(args(s, 'subscribe', '--platform', platform, '--channel', channel, '--story', STORY), env);
        expect(subscribed.code, subscribed.err).toBe(0);
      }
      const added = await runCli(args(s, 'feeds', 'add', feeds.feedUrl), env);
      expect(added.code, added.err).toBe(0);
    }
    // All five articles appear at once after both baselines: one run has five items to store, match and alert.
    while (feeds.releaseNext()) {
      /* release every article */
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all([feeds.close(), discord.close(), slack.close()]);
    for (const s of [reference, crashed]) rmSync(s.dir, { recursive: true, force: true });
  });

  /**
   * Time passes: the feed is due again, a killed process's lease on it has run out, and so have its
   * claims on messages and notices (a claim moves the next attempt to its end).
   */
  function timePasses(s: Setup): void {
    const db = new Database(path.join(s.dir, 'sw.db'));
    try {
      db.prepare('UPDATE feeds SET next_check_at = 0, lease_until = NULL').run();
      db.prepare("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending' OR needs_update = 1").run();
      db.prepare("UPDATE ops_notices SET next_attempt_at = 0 WHERE status = 'pending'").run();
    } finally {
      db.close();
    }
  }

  /** Starts `run --once` and kills it with SIGKILL after `ms` milliseconds (if it is still running). */
  async function runAndKill(s: Setup, ms: number): Promise<void> {
    const child = spawn(process.execPath, [path.resolve('dist/src/cli.js'), ...args(s, 'run', '--once')], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    await exited;
    clearTimeout(timer);
  }

  /** The messages a setup's channels hold, in a stable order (delivery order is not the point here). */
  const shown = (s: Setup): string[] =>
    [
      ...discord.messages(s.discordChannel).map((m) => JSON.stringify({ content: m.content, embeds: m.embeds })),
      ...slack.messages(s.slackChannel).map((m) => JSON.stringify({ text: m.text, blocks: m.blocks })),
    ].sort();

  /** Runs `run --once` (time passing in between) until the channels receive nothing more. */
  async function settle(s: Setup): Promise<void> {
    for (let round = 0; round < 8; round += 1) {
      const before = shown(s).length;
      const run = await runCli(args(s, 'run', '--once'), env);
      expect(run.code, run.err).toBe(0);
      if (shown(s).length === before && round > 0) return;
      timePasses(s);
    }
    throw new Error('delivery did not settle');
  }

  it('loses and duplicates nothing: same timeline, same messages as an uninterrupted run', async () => {
    const started = Date.now();
    const clean = await runCli(args(reference, 'run', '--once'), env);
    const duration = Date.now() - started;
    expect(clean.code, clean.err).toBe(0);
    expect(discord.messages(reference.discordChannel).length).toBeGreaterThan(0);
    await settle(reference);

    // Kills spread over the clean run's duration, from start-up to delivery.
    for (let k = 1; k <= KILLS; k += 1) {
      await runAndKill(crashed, Math.round((duration * k) / (KILLS + 1)));
      timePasses(crashed);
    }
    await settle(crashed);

    const timeline = async (s: Setup): Promise<string> => (await runCli(args(s, 'timeline', '--story', STORY, '--json'), env)).out;
    expect(await timeline(crashed)).toBe(await timeline(reference));
    expect(shown(crashed)).toEqual(shown(reference));
    expect(new Set(shown(reference)).size).toBe(shown(reference).length);
  }, 240_000);
});
