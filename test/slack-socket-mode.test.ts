import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackCommandsApp } from '../src/adapters/slack/commands/app.js';
import { createLogger } from '../src/core/logger.js';
import { startResponseUrlServer, type ResponseUrlServer } from './fakes/slack-commands-fake.js';
import { seededServices } from './helpers/services.js';
import { startSlackTransport, type SlackAck, type SlackTransport } from './helpers/slack-transports.js';

const FIVE_DAYS = ['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29'];
const log = createLogger('silent');

/** The dates of a timeline answer's section lines. */
const dates = (ack: SlackAck): string[] =>
  ((ack?.blocks ?? []) as { type: string; text?: { text: string } }[])
    .filter((b) => b.type === 'section')
    .flatMap((b) => b.text?.text.split('\n') ?? [])
    .map((line) => line.slice(0, 10));

/** The connection itself: how Bolt's Socket Mode client gets its URL, and what it does when the socket drops (issue 14, item 9). */
describe('Slack Socket Mode connection (Bolt SocketModeReceiver against the fake)', () => {
  let seeded: Awaited<ReturnType<typeof seededServices>>;
  let hooks: ResponseUrlServer;
  let t: SlackTransport;
  const timeline = () => t.command({ command: '/timeline', text: '', userId: 'U0READER', channelId: 'C0NEWS', responseUrl: hooks.hook() });
  const socket = () => {
    if (!t.socket) throw new Error('not the Socket Mode transport');
    return t.socket;
  };

  beforeAll(async () => {
    seeded = await seededServices();
    hooks = await startResponseUrlServer();
    t = await startSlackTransport('socket', { services: seeded.services, adminUserIds: [], logger: log, ackWithinMs: 1000 });
  });
  afterAll(async () => {
    await Promise.all([t.close(), hooks.close()]);
    await seeded.close();
  });

  it('asks apps.connections.open on SLACK_API_URL with the app-level token, connects with its ticket and answers /timeline in the ack', async () => {
    const opens = t.api.requests.filter((r) => r.path === '/api/apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]?.headers.authorization).toMatch(/^Bearer xapp-/);
    expect(socket().log).toMatchObject({ connections: 1, refused: 0 });
    const ack = await timeline();
    expect(ack).toMatchObject({ response_type: 'ephemeral' });
    expect(dates(ack)).toEqual(FIVE_DAYS);
  });

  it('opens a new connection (a fresh ticket) after a dropped socket, and answers /timeline again', async () => {
    socket().drop();
    await socket().connected(2);
    expect(t.api.requests.filter((r) => r.path === '/api/apps.connections.open')).toHaveLength(2);
    expect(socket().log).toMatchObject({ connections: 2, refused: 0 });
    expect(new Set(socket().log.opened).size).toBe(2);
    expect(dates(await timeline())).toEqual(FIVE_DAYS);
  });

  it('reconnects when Slack asks it to (disconnect: refresh_requested), and answers /timeline', async () => {
    socket().refresh();
    await socket().connected(3);
    expect(socket().log).toMatchObject({ connections: 3, refused: 0 });
    expect(dates(await timeline())).toEqual(FIVE_DAYS);
  });

  it('fails with SLACK_SOCKET_MODE_START when apps.connections.open refuses the token, without connecting', async () => {
    const slack = createSlackCommandsApp({
      mode: 'socket',
      appToken: 'xapp-1-not-the-token',
      botToken: t.api.token,
      apiUrl: t.api.apiUrl,
      services: seeded.services,
      adminUserIds: [],
      logger: log,
    });
    if (slack.mode !== 'socket') throw new Error('expected Socket Mode');
    expect(await slack.start()).toMatchObject({ ok: false, error: { code: 'SLACK_SOCKET_MODE_START', message: expect.stringMatching(/invalid_auth/) } });
    expect(socket().log.connections).toBe(3);
  });
});
