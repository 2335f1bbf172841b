import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedArticles } from '../src/demo/seed-articles.js';
import { startSeedFeedServer, type SeedFeedServer } from '../src/demo/seed-feed-server.js';
import { createInteractionSigner, startInteractionApi, type InteractionApi } from './fakes/discord-interactions.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { runCli, type CliResult } from './helpers/cli.js';

/**
 * Regression test for issue 11's "no secret reached a log": the CLI runs at LOG_LEVEL=trace through
 * successful sends, refused tokens, forged requests and a database it cannot reach, and not one of the
 * secrets it was given appears in anything it printed (pino lines on stderr, output and error messages).
 */

const SECRETS = {
  DISCORD_TOKEN: 'MTE5NzAwMDAwMDAw.discord-bot-secret-4c1d',
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-slack-bot-secret-9e7f',
  SLACK_SIGNING_SECRET: 'slack-signing-secret-77aa0b',
  WRONG_DISCORD: 'MTE5NzAwMDAwMDAw.wrong-discord-secret-5e2a',
  WRONG_SLACK: 'xoxb-3333-4444-wrong-slack-secret-1b9d',
  DB_PASSWORD: 'pg-password-secret-0f3e',
} as const;
const DISCORD_CHANNEL = '998877665544332211';
const SLACK_CHANNEL = 'C0SECRETS1';
const APP_ID = '223344556677889900';

/** Every place a secret, or a recognisable piece of one, could show up. */
function expectNoSecret(output: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) {
    const pieces = [secret, secret.slice(-12), Buffer.from(secret).toString('base64')];
    for (const piece of pieces) expect(output.includes(piece), `${name} appears in the output`).toBe(false);
  }
}

const printed = (r: CliResult): string => `${r.out}\n${r.err}`;

describe('no secret reaches a log or an error message', () => {
  let feeds: SeedFeedServer;
  let discord: DiscordServer;
  let slack: SlackServer;
  let dir: string;
  const args = (...rest: string[]): string[] => ['--config', path.join(dir, 'config'), '--db', path.join(dir, 'sw.db'), ...rest];
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    feeds = await startSeedFeedServer(loadSeedArticles(path.join('test', 'fixtures', 'seeds')));
    discord = await startDiscordServer({ token: SECRETS.DISCORD_TOKEN, channels: [DISCORD_CHANNEL] });
    slack = await startSlackServer({ token: SECRETS.SLACK_BOT_TOKEN, channels: [SLACK_CHANNEL] });
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-secrets-'));
    mkdirSync(path.join(dir, 'config'));
    cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
    writeFileSync(path.join(dir, 'config', 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\n');
    env = {
      LOG_LEVEL: 'trace',
      DISCORD_TOKEN: SECRETS.DISCORD_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
      SLACK_API_URL: slack.apiUrl,
    };
  });
  afterAll(async () => {
    await Promise.all([feeds.close(), discord.close(), slack.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('while polling and delivering, with good tokens and with refused ones', async () => {
    const outputs: string[] = [];
    for (const [platform, channel] of [
      ['discord', DISCORD_CHANNEL],
      ['slack', SLACK_CHANNEL],
    ] as const) {
      const subscribed = await runCli(args('subscribe', '--platform', platform, '--channel', channel, '--story', 'iran-pakistan-2024'), env);
      expect(subscribed.code, subscribed.err).toBe(0);
      outputs.push(printed(subscribed));
    }
    const added = await runCli(args('feeds', 'add', feeds.feedUrl), env);
    expect(added.code, added.err).toBe(0);
    outputs.push(printed(added));

    // The right tokens first: alerts are sent.
    feeds.releaseNext();
    const good = await runCli(args('run', '--once'), env);
    expect(good.code, good.err).toBe(0);
    outputs.push(printed(good));
    expect(discord.messages(DISCORD_CHANNEL).length + slack.messages(SLACK_CHANNEL).length).toBeGreaterThan(0);

    // Then both platforms refuse the tokens of a digest sent now: 401 from Discord, invalid_auth from Slack.
    const refused = await runCli(args('digest', '--now'), { ...env, DISCORD_TOKEN: SECRETS.WRONG_DISCORD, SLACK_BOT_TOKEN: SECRETS.WRONG_SLACK });
    outputs.push(printed(refused));

    const all = outputs.join('\n');
    // The runs logged, the refusals among it (an error or a warning naming each platform's token).
    const refusals = all.split('\n').filter((line) => /"level":(40|50)/u.test(line));
    expect(refusals.some((line) => /DISCORD_TOKEN|discord/iu.test(line))).toBe(true);
    expect(refusals.some((line) => /SLACK_BOT_TOKEN|slack/iu.test(line))).toBe(true);
    expectNoSecret(all);
  }, 90_000);

  it('when the database URL carries a password it cannot use', async () => {
    const url = `postgres://storywatch:${SECRETS.DB_PASSWORD}@127.0.0.1:1/storywatch`;
    const result = await runCli(['--config', path.join(dir, 'config'), 'feeds', 'list'], { LOG_LEVEL: 'trace', DATABASE_URL: url });
    expect(result.code).not.toBe(0);
    expect(result.err).not.toBe('');
    expectNoSecret(printed(result));
  }, 30_000);

  describe('while serving forged and signed requests', () => {
    const signer = createInteractionSigner();
    let discordApi: InteractionApi;

    beforeAll(async () => {
      discordApi = await startInteractionApi({ applicationId: APP_ID, token: SECRETS.DISCORD_TOKEN });
    });
    afterAll(async () => {
      await discordApi.close();
    });

    it('logs refusals and answers without the signing secret or the tokens', async () => {
      const child = spawn(process.execPath, [path.resolve('dist/src/cli.js'), ...args('serve', '--port', '0')], {
        env: {
          ...process.env,
          LOG_LEVEL: 'trace',
          SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
          SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
          SLACK_API_URL: slack.apiUrl,
          DISCORD_TOKEN: SECRETS.DISCORD_TOKEN,
          DISCORD_PUBLIC_KEY: signer.publicKey,
          DISCORD_APPLICATION_ID: APP_ID,
          DISCORD_MODE: 'http',
          DISCORD_API_URL: discordApi.apiUrl,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        const base = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 30_000);
          child.stdout.on('data', () => {
            const port = /Listening on port (\d+)/u.exec(output)?.[1];
            if (!port) return;
            clearTimeout(timer);
            resolve(`http://127.0.0.1:${port}`);
          });
          child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
        });
        const ts = String(Math.floor(Date.now() / 1000));
        const slackPost = (body: string, secret: string): Promise<Response> =>
          fetch(`${base}/slack/events`, {
            method: 'POST',
            body,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'x-slack-request-timestamp': ts,
              'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`,
            },
          });
        const form = (command: string, text: string): string =>
          new URLSearchParams({
            command,
            text,
            user_id: 'U0SECRET',
            channel_id: SLACK_CHANNEL,
            team_id: 'T0SECRET',
            response_url: `${base}/nowhere`,
            trigger_id: '1.2.3',
            token: 'x',
          }).toString();
        expect((await slackPost(form('/timeline', ''), 'forged-secret')).status).toBe(401);
        expect((await slackPost(form('/timeline', 'story:iran-pakistan-2024'), SECRETS.SLACK_SIGNING_SECRET)).status).toBe(200);
        expect((await slackPost(form('/ask', 'story:nope when?'), SECRETS.SLACK_SIGNING_SECRET)).status).toBe(200);
        const interaction = JSON.stringify({
          id: '1',
          application_id: APP_ID,
          type: 2,
          token: 'itoken',
          version: 1,
          channel_id: '334455667788990011',
          member: { permissions: '0', user: { id: '445566778899001122' } },
          data: { id: '2', name: 'timeline', type: 1, options: [] },
        });
        const discordPost = (headers: Record<string, string>): Promise<Response> =>
          fetch(`${base}/discord/interactions`, { method: 'POST', body: interaction, headers: { 'content-type': 'application/json', ...headers } });
        expect((await discordPost({ 'x-signature-ed25519': '00'.repeat(64), 'x-signature-timestamp': ts })).status).toBe(401);
        expect((await discordPost(signer.headers(interaction))).status).toBe(200);
        await new Promise((r) => setTimeout(r, 300));
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
      expect(output).toMatch(/"level":\d+/u);
      expectNoSecret(output);
    }, 60_000);
  });
});
