import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInteractionSigner, startInteractionApi, type InteractionApi } from './fakes/discord-interactions.js';
import { startServe, type ServeProcess } from './helpers/serve.js';

const SLACK_SECRET = 'serve-test-signing-secret';
const APP_ID = '223344556677889900';

/** The done-when check of issue 7: `storywatch serve` answers signed Slack and Discord commands from the seed timeline. */
describe('storywatch serve', () => {
  const signer = createInteractionSigner();
  let serve: ServeProcess;
  let base: string;
  let discordApi: InteractionApi;

  beforeAll(async () => {
    discordApi = await startInteractionApi({ applicationId: APP_ID });
    serve = await startServe({
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      DISCORD_PUBLIC_KEY: signer.publicKey,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_MODE: 'http',
      DISCORD_API_URL: discordApi.apiUrl,
    });
    base = serve.base;
  }, 60_000);
  afterAll(async () => {
    await serve.stop();
    await discordApi.close();
  });

  const slack = (command: string, text: string, secret = SLACK_SECRET) => {
    const body = new URLSearchParams({
      command,
      text,
      user_id: 'U0SERVE',
      channel_id: 'C0SERVE',
      team_id: 'T0SERVE',
      response_url: `${base}/nowhere`,
      trigger_id: '1.2.3',
      token: 'x',
    }).toString();
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    return fetch(`${base}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature },
    });
  };
  const discord = (name: string, options: { name: string; type: number; value: string }[] = [], headers?: Record<string, string>) => {
    const body = JSON.stringify({
      id: '1',
      application_id: APP_ID,
      type: 2,
      token: 'itoken',
      version: 1,
      channel_id: '334455667788990011',
      member: { permissions: '0', user: { id: '445566778899001122' } },
      data: { id: '2', name, type: 1, options },
    });
    return fetch(`${base}/discord/interactions`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...(headers ?? signer.headers(body)) },
    });
  };
  const DAYS = ['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29'];

  it('answers GET /healthz', async () => {
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ok', feeds: 1, stories: ['iran-pakistan-2024', 'nagorno-karabakh-2023'] });
  });

  it('answers a signed Slack /timeline with the five dated developments, and /ask with 18 January', async () => {
    const timeline = await slack('/timeline', 'story:iran-pakistan-2024');
    expect(timeline.status).toBe(200);
    const text = await timeline.text();
    expect(DAYS.map((d) => text.includes(d))).toEqual([true, true, true, true, true]);
    const ask = await (await slack('/ask', 'story:iran-pakistan-2024 when did Pakistan strike Iran?')).text();
    expect(ask).toContain('2024-01-18 — military strike: Pakistan → Iran');
  });

  it('answers a signed Discord timeline interaction with the five dated developments, and ask with 18 January', async () => {
    const r = await discord('timeline', [{ name: 'story', type: 3, value: 'iran-pakistan-2024' }]);
    expect(r.status).toBe(200);
    const text = JSON.stringify(await r.json());
    expect(DAYS.map((d) => text.includes(d))).toEqual([true, true, true, true, true]);
    const ask = JSON.stringify(
      await (
        await discord('ask', [
          { name: 'question', type: 3, value: 'when did Pakistan strike Iran?' },
          { name: 'story', type: 3, value: 'iran-pakistan-2024' },
        ])
      ).json(),
    );
    expect(ask).toContain('2024-01-18 — military strike: Pakistan → Iran');
  });

  it('refuses bad signatures with 401', async () => {
    expect((await slack('/timeline', '', 'wrong-secret')).status).toBe(401);
    expect(
      (await discord('timeline', [], { 'x-signature-ed25519': '00'.repeat(64), 'x-signature-timestamp': String(Math.floor(Date.now() / 1000)) })).status,
    ).toBe(401);
    expect((await discord('timeline', [], {})).status).toBe(401);
  });
});
