import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../src/core/subscription.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { alertDay, queueAlerts } from './helpers/alerts.js';
import { runCli } from './helpers/cli.js';

const STORY = 'iran-pakistan-2024';
const DISCORD = ['112233445566778899', '112233445566778800'];
const SLACK = ['C0STORYWATCH', 'C0OTHERCHAN'];

/** Finding 6 and the CLI side of finding 5: one `run --once` drains the outbox, and says truthfully what is left. */
describe('run --once drains the outbox', () => {
  let discord: DiscordServer;
  let slack: SlackServer;
  let root: string;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const db = () => path.join(dir, 'sw.db');
  const cli = (...args: string[]) => runCli(['--config', path.join(dir, 'config'), '--db', db(), ...args], env);
  const settings = (delivery: string) =>
    writeFileSync(path.join(dir, 'config', 'storywatch.yml'), `fetch:\n  allowPrivateNetworks: true\ndelivery:\n${delivery}`);

  /** Subscribes the channels and records `count` alerts, straight in the database the CLI then opens. */
  async function prepare(channels: [Platform, string][], count: number): Promise<void> {
    const store = openSqliteStore(db());
    const at = new Date(Date.now() - 60_000);
    for (const [platform, channelId] of channels)
      await store.subscribe({ platform, channelId, storyId: STORY, alerts: true, digestTime: null, timeZone: null }, at);
    await queueAlerts(store, STORY, count, at);
    await store.close();
  }

  /** Each channel got exactly its outbox rows, in outbox order, and every alert names its own day in that order. */
  async function expectDeliveredInOrder(channels: [Platform, string][], count: number): Promise<void> {
    const store = openSqliteStore(db());
    const [outbox, subs] = [await store.listOutbox(), await store.listSubscriptions()];
    await store.close();
    for (const [platform, channelId] of channels) {
      const sub = subs.find((s) => s.platform === platform && s.channelId === channelId);
      const rows = outbox.filter((r) => r.subscriptionId === sub?.id);
      expect(rows.map((r) => r.status)).toEqual(Array(count).fill('sent'));
      const messages = platform === 'discord' ? discord.messages(channelId) : slack.messages(channelId);
      expect(messages.map((m) => ('ts' in m ? m.ts : m.id))).toEqual(rows.map((r) => r.messageId));
      messages.forEach((m, n) => expect(JSON.stringify(m)).toContain(alertDay(n)));
    }
  }

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'storywatch-drain-'));
  });
  beforeEach(async () => {
    discord = await startDiscordServer({ channels: DISCORD });
    slack = await startSlackServer({ channels: SLACK });
    dir = mkdtempSync(path.join(root, 'case-'));
    mkdirSync(path.join(dir, 'config'));
    cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
    settings('  onceBudgetSeconds: 60\n');
    env = { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl };
  });
  afterEach(async () => {
    await Promise.all([discord.close(), slack.close()]);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('sends eight alerts to one channel on each platform in one run, and then says 0 waiting', async () => {
    const channels: [Platform, string][] = [
      ['discord', DISCORD[0]!],
      ['slack', SLACK[0]!],
    ];
    await prepare(channels, 8);
    const run = await cli('run', '--once', '--due-only');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Delivery: 16 sent, 0 edited, 0 to retry, 0 dropped, 0 waiting');
    expect(run.out).not.toContain('Waiting on');
    await expectDeliveredInOrder(channels, 8);
    expect((await cli('run', '--once', '--due-only')).out).not.toMatch(/Delivery: /);
  }, 60_000);

  it('sends eight alerts to two channels per platform in one run, waiting out short rate limits', async () => {
    const channels: [Platform, string][] = [
      ['discord', DISCORD[0]!],
      ['discord', DISCORD[1]!],
      ['slack', SLACK[0]!],
      ['slack', SLACK[1]!],
    ];
    await prepare(channels, 8);
    discord.inject({ kind: 'rate-limit', retryAfterSec: 1 }, { after: 5 });
    slack.inject({ kind: 'rate-limit', retryAfterSec: 1 }, { after: 7, onPath: 'chat.postMessage' });
    const run = await cli('run', '--once', '--due-only');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Delivery: 32 sent, 0 edited, 2 to retry, 0 dropped, 0 waiting');
    await expectDeliveredInOrder(channels, 8);
  }, 60_000);

  it('reports what the time budget leaves: how many, when next, and why', async () => {
    // The budget is well above what three sends take on a loaded machine, and well below the 30 s rate limit.
    settings('  onceBudgetSeconds: 8\n');
    await prepare([['discord', DISCORD[0]!]], 8);
    discord.inject({ kind: 'rate-limit', retryAfterSec: 30 }, { after: 3 });
    const started = Date.now();
    const run = await cli('run', '--once', '--due-only');
    expect(run.code, run.err).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.out).toContain('Delivery: 3 sent, 0 edited, 1 to retry, 0 dropped, 5 waiting');
    expect(run.out).toMatch(/Waiting on discord: 5 message\(s\); next attempt at \d{4}-\d\d-\d\dT[\d:.]+Z: rate limited \(DISCORD_RATE_LIMITED\)/);
    expect(run.out).toContain('delivery budget of 8 s');
    expect(discord.messages(DISCORD[0]!)).toHaveLength(3);
  }, 60_000);

  it('keeps every message through a refused token, shows the pause, and sends all after `subscriptions resume`', async () => {
    const channels: [Platform, string][] = [
      ['slack', SLACK[0]!],
      ['discord', DISCORD[0]!],
    ];
    await prepare(channels, 8);
    slack.revokeToken();
    const paused = await runCli(['--config', path.join(dir, 'config'), '--db', db(), 'run', '--once', '--due-only'], { ...env, LOG_LEVEL: 'info' });
    expect(paused.code, paused.err).toBe(0);
    expect(paused.out).toContain('Delivery: 8 sent, 0 edited, 0 to retry, 0 dropped, 8 waiting');
    expect(paused.out).toMatch(
      /Waiting on slack: 8 message\(s\); slack delivery PAUSED since .* \(DELIVERY_AUTH_FAILED: SLACK_UNAUTHORIZED on channel C0STORYWATCH\)/,
    );
    const alarms = paused.err
      .split('\n')
      .filter((l) => l.includes('DELIVERY_AUTH_FAILED'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(alarms).toEqual([expect.objectContaining({ level: 50, platform: 'slack', channel: 'slack:C0STORYWATCH', cause: 'SLACK_UNAUTHORIZED' })]);
    expect(paused.err).not.toContain(slack.token);

    const list = await cli('subscriptions');
    expect(list.out).toMatch(/^slack delivery PAUSED since/m);
    expect(list.out).toMatch(/slack C0STORYWATCH → iran-pakistan-2024: .*active \(slack delivery paused\)/);
    expect(list.out).toMatch(/discord 112233445566778899 → iran-pakistan-2024: .*active, in en$/m);
    const json = JSON.parse((await cli('subscriptions', '--json')).out) as { platform: string; status: string; deliveryPaused: unknown }[];
    expect(json.map((s) => [s.platform, s.status, s.deliveryPaused !== null])).toEqual([
      ['slack', 'active', true],
      ['discord', 'active', false],
    ]);

    // Still refused: the next run sends nothing and says so again (the probe is five minutes away).
    expect((await cli('run', '--once', '--due-only')).out).toContain('0 sent, 0 edited, 0 to retry, 0 dropped, 8 waiting');
    expect(slack.messages(SLACK[0]!)).toHaveLength(0);

    slack.restoreToken();
    const resumed = await runCli(['--config', path.join(dir, 'config'), '--db', db(), 'subscriptions', 'resume', '--platform', 'slack'], {
      ...env,
      LOG_LEVEL: 'info',
    });
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.out).toContain('Resumed slack delivery');
    expect(resumed.err).toMatch(/"code":"DELIVERY_RESUMED".*"audit":true.*"platform":"slack"/);
    expect((await cli('subscriptions', 'resume')).out).toContain('nothing to resume');
    const audit = JSON.parse((await cli('audit', '--json')).out) as { platform: string; action: string; target: string; outcome: string }[];
    expect(audit).toContainEqual(expect.objectContaining({ platform: 'cli', action: 'subscriptions.resume', target: 'slack', outcome: 'ok' }));
    const after = await cli('run', '--once', '--due-only');
    expect(after.out).toContain('Delivery: 8 sent, 0 edited, 0 to retry, 0 dropped, 0 waiting');
    await expectDeliveredInOrder(channels, 8);
    expect((await cli('subscriptions', 'resume', '--platform', 'teams')).err).toContain('SUBSCRIPTION_INVALID');
    expect((await cli('subscriptions', 'pause')).err).toContain('expected list or resume');
  }, 90_000);
});
