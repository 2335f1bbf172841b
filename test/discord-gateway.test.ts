import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordGateway } from '../src/adapters/discord/commands/gateway.js';
import { createLogger } from '../src/core/logger.js';
import { interactionPayload, startDiscordTransport, type DiscordTransport, type InteractionAnswer } from './helpers/discord-transports.js';
import { seededServices } from './helpers/services.js';

const DATES = ['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29'];
const log = createLogger('silent');

/** The dates of a timeline answer's lines. */
const dates = (answer: InteractionAnswer): string[] => {
  const embeds = (answer.data?.embeds ?? []) as { description?: string }[];
  return (embeds[0]?.description ?? '').split('\n').map((line) => line.slice(0, 10));
};

/** The connection itself: what discord.js sends, heartbeats, and what it does when the socket drops (issue 14, item 9). */
describe('Discord gateway connection (discord.js Client against the fake gateway)', () => {
  let seeded: Awaited<ReturnType<typeof seededServices>>;
  let t: DiscordTransport;
  const timeline = () => interactionPayload(2, { name: 'timeline', options: [] }, 'member', PermissionFlagsBits.SendMessages);
  const gateway = () => {
    if (!t.gateway) throw new Error('not the gateway transport');
    return t.gateway;
  };

  beforeAll(async () => {
    seeded = await seededServices();
    t = await startDiscordTransport('gateway', { services: seeded.services, logger: log, deferAfterMs: 1000, heartbeatIntervalMs: 250 });
  });
  afterAll(async () => {
    await t.close();
    await seeded.close();
  });

  it('finds the gateway through GET /gateway/bot, connects v10 JSON uncompressed, identifies with the Guilds intent and heartbeats', async () => {
    expect(t.api.requests.filter((r) => r.path === '/api/v10/gateway/bot')).toMatchObject([
      { method: 'GET', headers: { authorization: `Bot ${t.api.token}` } },
    ]);
    expect(gateway().log.connections).toEqual(['/?v=10&encoding=json']);
    expect(gateway().log.identifies).toMatchObject([{ token: t.api.token, intents: 1, compress: false, shard: [0, 1] }]);
    await expect.poll(() => gateway().log.heartbeats, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    expect(dates(await t.send(timeline()))).toEqual(DATES);
  });

  it('resumes the session at resume_gateway_url after a dropped socket, replays what it missed, and answers /timeline again', async () => {
    const before = gateway().log.readies.length;
    gateway().drop();
    // Dispatched while the socket is down: Discord keeps it for the session and replays it on RESUME.
    const missed = timeline();
    const answered = t.send(missed);
    await gateway().ready(before + 1);
    expect(gateway().log.readies.at(-1)).toBe('RESUMED');
    expect(gateway().log.connections.at(-1)).toBe('/resume?v=10&encoding=json');
    expect(gateway().log.resumes.at(-1)).toMatchObject({ token: t.api.token, seq: expect.any(Number), session_id: expect.any(String) });
    expect(gateway().log.identifies).toHaveLength(1);
    expect(dates(await answered)).toEqual(DATES);
    expect(dates(await t.send(timeline()))).toEqual(DATES);
  });

  it('identifies again when the session cannot be resumed (INVALID_SESSION), and answers /timeline', async () => {
    const before = gateway().log.readies.length;
    gateway().invalidateSession();
    gateway().drop();
    await gateway().ready(before + 1);
    expect(gateway().log.readies.at(-1)).toBe('READY');
    expect(gateway().log.identifies).toHaveLength(2);
    expect(dates(await t.send(timeline()))).toEqual(DATES);
  });

  it('fails with DISCORD_GATEWAY_LOGIN when the token is refused, without connecting', async () => {
    const connections = gateway().log.connections.length;
    const refused = await startDiscordGateway({ token: 'not-the-token', apiUrl: t.api.apiUrl, services: seeded.services, logger: log });
    expect(refused).toMatchObject({ ok: false, error: { code: 'DISCORD_GATEWAY_LOGIN' } });
    expect(gateway().log.connections).toHaveLength(connections);
  });
});
