import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { startResponseUrlServer, type ResponseUrlServer } from './fakes/slack-commands-fake.js';
import { DISCORD_IDS, DISCORD_TRANSPORTS, interactionPayload, startDiscordTransport, type DiscordTransport } from './helpers/discord-transports.js';
import { seededServices } from './helpers/services.js';
import { SLACK_TRANSPORTS, startSlackTransport, type SlackTransport } from './helpers/slack-transports.js';

const log = createLogger('silent');
const ADMIN = 'U0ADMIN';
const READER = 'U0READER';
type Seeded = Awaited<ReturnType<typeof seededServices>>;
type Block = { type: string; text?: { text: string } };

/** The channel's subscription language as the store has it. */
async function languageOf(seeded: Seeded, channelId: string): Promise<string | undefined> {
  return (await seeded.services.store.listSubscriptions()).find((s) => s.channelId === channelId)?.language;
}

describe.each(DISCORD_TRANSPORTS)("a Discord subscription's language over %s", (kind) => {
  let seeded: Seeded;
  let t: DiscordTransport;
  beforeAll(async () => {
    seeded = await seededServices();
    t = await startDiscordTransport(kind, { services: seeded.services, logger: log, deferAfterMs: 2000 });
  });
  afterAll(async () => {
    await t.close();
    await seeded.close();
  });

  /** Runs a command as a Manage Server admin of a guild whose preferred locale is `guildLocale`; returns the answer's embeds as JSON. */
  const command = async (name: string, options: Record<string, string>, guildLocale: string): Promise<string> => {
    const data = { name, options: Object.entries(options).map(([option, value]) => ({ name: option, type: 3, value })) };
    const body = { ...interactionPayload(2, data, 'admin', PermissionFlagsBits.ManageGuild), guild_locale: guildLocale };
    const first = (await t.send(body)) as { type: number; data?: Record<string, unknown> };
    let answer = first.data;
    if (first.type === 5) {
      const thread = t.api.thread(body.token);
      await vi.waitFor(() => expect(thread.edits.length + thread.followUps.length).toBeGreaterThan(0), { timeout: 10_000 });
      answer = thread.followUps[0] ?? thread.edits[0];
    }
    return JSON.stringify(answer?.embeds ?? []);
  };
  const subscribe = (options: Record<string, string>, guildLocale: string) => command('subscribe', options, guildLocale);

  it("takes the guild's preferred locale for a new subscription, the language option over it, and keeps the language when subscribed again", async () => {
    expect(await subscribe({ what: 'alerts' }, 'fr')).toMatch(/alerts on, no digest, in fr/);
    expect(await languageOf(seeded, DISCORD_IDS.channel)).toBe('fr');
    await subscribe({ what: 'alerts', language: 'ar' }, 'fr');
    expect(await languageOf(seeded, DISCORD_IDS.channel)).toBe('ar');
    await subscribe({ what: 'digest', time: '07:00' }, 'es-ES');
    expect(await languageOf(seeded, DISCORD_IDS.channel)).toBe('ar');
    expect(await subscribe({ what: 'alerts', language: 'xx' }, 'fr')).toMatch(/language: expected one of ar, de, en, es, fa, fr, hi, id, ru, tr, ur, vi, zh/);
    expect(await languageOf(seeded, DISCORD_IDS.channel)).toBe('ar');
  });

  it("answers /story in the channel's subscription language (Arabic), whatever the guild's locale", async () => {
    await subscribe({ what: 'alerts', language: 'ar' }, 'fr');
    const answer = JSON.parse(await command('story', {}, 'fr')) as { description: string }[];
    const lines = answer[0]?.description.split('\n') ?? [];
    const day = new Intl.DateTimeFormat('ar', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2024-01-29T00:00:00Z'));
    expect(lines[0]).toBe(`الحالة: هادئة منذ ${day}`);
    const n = new Intl.NumberFormat('ar');
    expect(lines).toContain(`الخلاصات المتابعة: ${n.format(1)}`);
    expect(lines.find((l) => l.startsWith('التطورات:'))).toBe(`التطورات: ${n.format(5)}; الأخير: ${day} محادثات: باكستان وإيران`);
  });
});

describe.each(SLACK_TRANSPORTS)("a Slack subscription's language over %s", (kind) => {
  let seeded: Seeded;
  let hooks: ResponseUrlServer;
  let t: SlackTransport;
  beforeAll(async () => {
    seeded = await seededServices();
    hooks = await startResponseUrlServer();
    t = await startSlackTransport(kind, {
      services: seeded.services,
      adminUserIds: [ADMIN, READER],
      logger: log,
      ackWithinMs: 1000,
      userLocales: { [ADMIN]: 'es-ES', [READER]: 'pt-BR' },
    });
  });
  afterAll(async () => {
    await Promise.all([t.close(), hooks.close()]);
    await seeded.close();
  });

  /** Runs /subscribe as `user` in `channelId`; returns the answer's text. */
  const subscribe = async (text: string, channelId: string, user = ADMIN): Promise<string> => {
    const hook = hooks.hook();
    const ack = await t.command({ command: '/subscribe', text, userId: user, channelId, responseUrl: hook });
    return JSON.stringify(ack ?? (await hooks.waitFor(hook)).at(-1));
  };

  it("takes the subscribing admin's Slack locale for a new subscription, English for a locale without a catalog, and the language option over both", async () => {
    expect(await subscribe('alerts', 'C0DESK')).toMatch(/alerts on, no digest, in es/);
    expect(await languageOf(seeded, 'C0DESK')).toBe('es');
    await subscribe('alerts', 'C0OTHER', READER);
    expect(await languageOf(seeded, 'C0OTHER')).toBe('en');
    await subscribe('alerts language:tr', 'C0OTHER', READER);
    expect(await languageOf(seeded, 'C0OTHER')).toBe('tr');
    await subscribe('digest 08:00', 'C0DESK', READER);
    expect(await languageOf(seeded, 'C0DESK')).toBe('es');
  });

  it("answers /timeline in the channel's language: the subscription's, else the asker's locale", async () => {
    const timeline = async (channelId: string, user: string) => {
      const hook = hooks.hook();
      const ack = (await t.command({ command: '/timeline', text: '', userId: user, channelId, responseUrl: hook })) as { blocks: Block[] } | null;
      const blocks = (ack ?? ((await hooks.waitFor(hook)).at(-1) as { blocks: Block[] })).blocks;
      return { head: blocks[0]?.text?.text, lines: blocks.filter((b) => b.type === 'section').flatMap((b) => b.text?.text.split('\n') ?? []) };
    };
    const es = await timeline('C0DESK', READER);
    expect(es.head).toBe('Crisis entre Irán y Pakistán, enero de 2024: 5 novedades');
    expect(es.lines[0]).toMatch(/^16 ene 2024 · ataque militar: Irán → Pakistán · \d+ fuentes en [a-zé]+(, [a-zé]+)* y [a-zé]+$/u);
    expect(es.lines[4]).toMatch(/^29 ene 2024 · conversaciones: Pakistán e Irán · /u);
    // No subscription in this channel: the asker's locale (es-ES), then English for a locale without a catalog.
    expect((await timeline('C0ELSEWHERE', ADMIN)).head).toBe('Crisis entre Irán y Pakistán, enero de 2024: 5 novedades');
    expect((await timeline('C0ELSEWHERE', READER)).lines[0]).toMatch(/^2024-01-16 · military strike: Iran → Pakistan · \d sources? in [a-z, ]+$/u);
  });
});
