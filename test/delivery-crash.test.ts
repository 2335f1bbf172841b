import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedArticles } from '../src/demo/seed-articles.js';
import { startSeedFeedServer, type SeedFeedServer } from '../src/demo/seed-feed-server.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { runCli } from './helpers/cli.js';

const DISCORD_CHANNEL = '998877665544332211';
const SLACK_CHANNEL = 'C0CRASHTEST';

describe('a dispatcher killed between sending and recording', () => {
  let feeds: SeedFeedServer;
  let discord: DiscordServer;
  let slack: SlackServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const args = (...rest: string[]) => ['--config', path.join(dir, 'config'), '--db', path.join(dir, 'sw.db'), ...rest];

  beforeAll(async () => {
    feeds = await startSeedFeedServer(loadSeedArticles(path.join('test', 'fixtures', 'seeds')));
    discord = await startDiscordServer({ channels: [DISCORD_CHANNEL] });
    slack = await startSlackServer({ channels: [SLACK_CHANNEL] });
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-crash-'));
    mkdirSync(path.join(dir, 'config'));
    cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
    // The killed dispatcher's claim on its message lapses after a second here (two minutes by default).
    writeFileSync(path.join(dir, 'config', 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\ndelivery:\n  claimSeconds: 1\n');
    env = { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl };
  });
  afterAll(async () => {
    await Promise.all([feeds.close(), discord.close(), slack.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('neither loses nor duplicates the alert when restarted', async () => {
    for (const [platform, channel] of [
      ['discord', DISCORD_CHANNEL],
      ['slack', SLACK_CHANNEL],
    ] as const) {
      expect((await runCli(args('subscribe', '--platform', platform, '--channel', channel, '--story', 'iran-pakistan-2024'), env)).code).toBe(0);
    }
    expect((await runCli(args('feeds', 'add', feeds.feedUrl), env)).code).toBe(0);
    feeds.releaseNext();
    // Discord creates the message, then the answer never comes; the process is killed while it waits.
    discord.inject({ kind: 'lost-response' });
    const child = spawn(process.execPath, [path.resolve('dist/src/cli.js'), ...args('run', '--once')], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 30_000;
    while (discord.messages(DISCORD_CHANNEL).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(1);
    child.kill('SIGKILL');
    await exited;
    await new Promise((r) => setTimeout(r, 1100));

    const again = await runCli(args('run', '--once'), env);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/Delivery: 2 sent/);
    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(1);
    expect(slack.messages(SLACK_CHANNEL)).toHaveLength(1);
    expect((await runCli(args('run', '--once'), env)).out).not.toMatch(/Delivery: [1-9]/);
    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(1);
  }, 90_000);
});
