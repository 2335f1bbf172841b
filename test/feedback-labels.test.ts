import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { CommandServices } from '../commands/command.js';
import { handleGatewayInteraction, type ButtonLike } from '../src/adapters/discord/commands/gateway.js';
import { createDiscordInteractionHandler } from '../src/adapters/discord/commands/interactions.js';
import { createReplyPager } from '../src/adapters/discord/commands/reply.js';
import { createDiscordSender } from '../src/adapters/discord/discord-sender.js';
import { createSlackCommandsApp } from '../src/adapters/slack/commands/app.js';
import { createSlackSender } from '../src/adapters/slack/slack-sender.js';
import { inputLineSchema } from '../src/cli/jsonl-input.js';
import { ManualClock } from '../src/core/clock.js';
import type { Alert } from '../src/core/development.js';
import { createLogger } from '../src/core/logger.js';
import { Dispatcher, EDIT_INTERVAL_MS } from '../src/delivery/dispatch.js';
import { createHttpFetcher } from '../src/pipeline/fetch/http-fetcher.js';
import { processItem } from '../src/pipeline/process-item.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import {
  createInteractionSigner,
  startInteractionApi,
  startInteractionEndpoint,
  type InteractionApi,
  type InteractionEndpoint,
} from './fakes/discord-interactions.js';
import { startDiscordServer, type DiscordServer, type FakeDiscordMessage } from './fakes/discord-server.js';
import { buttonClickForm, postToSlackEvents, startResponseUrlServer, type ResponseUrlServer } from './fakes/slack-commands-fake.js';
import { startSlackServer, type FakeSlackMessage, type SlackServer } from './fakes/slack-server.js';
import { runCli } from './helpers/cli.js';
import { bundledStory, seedItems } from './helpers/stories.js';

const STORY = 'iran-pakistan-2024';
const GUILD = '555555555555555555';
const OTHER_GUILD = '666666666666666666';
const DISCORD_CHANNEL = '222222222222222222';
const SLACK_CHANNEL = 'C0NEWSROOM';
const TEAM = 'T0TEAM';
const SECRET = 'feedback-signing-secret';
const READERS = ['333333333333333301', '333333333333333302', '333333333333333303'];
type Row = { type: number; components: { custom_id: string; label: string }[] };
type Field = { name: string; value: string };

/** "Not this story" and "wrong date" clicks on alerts posted to the fake Discord and Slack, through the real pipeline and both endpoints. */
describe('readers label alerts: "not this story", "wrong date"', () => {
  const story = bundledStory(STORY);
  const signer = createInteractionSigner();
  const log = createLogger('silent');
  const clock = new ManualClock(new Date('2024-02-01T08:00:00Z'));
  let dir: string;
  let store: SqliteStore;
  let discord: DiscordServer;
  let slack: SlackServer;
  let api: InteractionApi;
  let endpoint: InteractionEndpoint;
  let hooks: ResponseUrlServer;
  let slackServer: http.Server;
  let eventsUrl: string;
  let dispatcher: Dispatcher;
  let alerts: Alert[];
  let services: CommandServices;
  const servicesOf = (): CommandServices => services;
  let seq = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-feedback-'));
    store = openSqliteStore(path.join(dir, 'sw.db'));
    discord = await startDiscordServer({ channels: [DISCORD_CHANNEL] });
    slack = await startSlackServer({ channels: [SLACK_CHANNEL] });
    api = await startInteractionApi();
    hooks = await startResponseUrlServer();
    const base = { storyId: STORY, alerts: true, digestTime: null, timeZone: null };
    await store.subscribe({ ...base, platform: 'discord', channelId: DISCORD_CHANNEL, tenantId: GUILD }, clock.now());
    await store.subscribe({ ...base, platform: 'slack', channelId: SLACK_CHANNEL, tenantId: TEAM }, clock.now());
    const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'Seeds', intervalSec: 600 }, clock.now());
    if (!feed.ok) throw new Error(feed.error.message);
    for (const seed of seedItems()) await processItem(seed, feed.value.id, [story], { store, log, now: clock.now() });
    dispatcher = new Dispatcher({
      store,
      senders: {
        discord: createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl }),
        slack: createSlackSender({ token: slack.token, apiUrl: slack.apiUrl }),
      },
      stories: [story.config],
      clock,
      log,
    });
    // One alert per channel a pass (later ones wait behind the first): pass until nothing is sent.
    while ((await dispatcher.dispatchDue()).sent > 0);
    alerts = await store.listAlerts(STORY);
    services = {
      store,
      stories: [story],
      storyConfigs: [story.config],
      http: createHttpFetcher({ allowPrivateNetworks: true }),
      clock,
      log,
      dispatch: () => dispatcher.dispatchDue(),
      defaultIntervalSec: 600,
    };
    endpoint = await startInteractionEndpoint(
      createDiscordInteractionHandler({ publicKey: signer.publicKey, apiUrl: api.apiUrl, applicationId: api.applicationId, services, logger: log }),
    );
    const app = createSlackCommandsApp({
      mode: 'http',
      signingSecret: SECRET,
      botToken: slack.token,
      apiUrl: slack.apiUrl,
      services,
      adminUserIds: [],
      logger: log,
    });
    if (app.mode !== 'http') throw new Error('expected HTTP mode');
    slackServer = http.createServer(app.requestListener);
    await new Promise<void>((resolve) => slackServer.listen(0, '127.0.0.1', resolve));
    eventsUrl = `http://127.0.0.1:${(slackServer.address() as AddressInfo).port}/slack/events`;
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => slackServer.close(() => resolve()));
    await Promise.all([endpoint.close(), api.close(), hooks.close(), discord.close(), slack.close()]);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const discordAlert = (n: number): FakeDiscordMessage => discord.messages(DISCORD_CHANNEL)[n] as FakeDiscordMessage;
  const slackAlert = (n: number): FakeSlackMessage => slack.messages(SLACK_CHANNEL)[n] as FakeSlackMessage;
  const buttons = (m: FakeDiscordMessage) => (m.components as Row[]).flatMap((r) => r.components);
  const fields = (m: FakeDiscordMessage, name: string): string[] =>
    m.embeds.flatMap((e) => (e.fields as Field[]).filter((f) => f.name === name).map((f) => f.value));
  const slackActions = (m: FakeSlackMessage) => m.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as { action_id: string }[]);
  /** A signed component interaction (type 3) on the HTTP endpoint; its JSON answer. */
  async function discordClick(customId: string, user: string, where: { guild?: string | null; channel?: string } = {}) {
    const guild = where.guild === undefined ? GUILD : where.guild;
    const asker = guild === null ? { user: { id: user } } : { guild_id: guild, member: { user: { id: user }, permissions: '0' } };
    const body = JSON.stringify({
      type: 3,
      id: String(++seq),
      application_id: api.applicationId,
      token: `click-${seq}`,
      channel_id: where.channel ?? DISCORD_CHANNEL,
      ...asker,
      data: { custom_id: customId, component_type: 2 },
      message: { id: discordAlert(0).id },
    });
    const res = await endpoint.post(body, signer.headers(body));
    expect(res.status).toBe(200);
    const data = res.json.data as { flags: number; embeds: { title: string; description: string }[] };
    expect(res.json.type).toBe(4);
    expect(data.flags).toBe(64);
    return `${data.embeds[0]?.title ?? ''}: ${data.embeds[0]?.description ?? ''}`;
  }
  /** A signed block_actions click on Bolt's endpoint; the ephemeral answer posted to its response_url. */
  async function slackClick(actionId: string, user: string, team = TEAM): Promise<string> {
    const hook = hooks.hook();
    const form = buttonClickForm({
      actionId,
      value: actionId,
      userId: user,
      channelId: SLACK_CHANNEL,
      responseUrl: hook,
      teamId: team,
      blockId: 'sw_feedback',
      messageTs: slackAlert(0).ts,
    });
    const ack = await postToSlackEvents(eventsUrl, form, { secret: SECRET });
    expect(ack.status).toBe(200);
    const [answer] = await hooks.waitFor(hook);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    return JSON.stringify(answer);
  }
  /** One dispatch pass once the alerts' edit interval has passed. */
  async function editPass() {
    clock.advance(EDIT_INTERVAL_MS + 1000);
    return dispatcher.dispatchDue();
  }
  const counts = async (ids: number[]) => (await store.developmentsById(ids)).map((d) => ({ id: d.id, sources: d.sources, languages: d.languages }));

  it('posts each alert with a "Not this story" and a "Wrong date" button naming it, on both platforms', () => {
    expect(alerts.length).toBeGreaterThanOrEqual(2);
    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(alerts.length);
    for (const [n, alert] of alerts.entries()) {
      expect(buttons(discordAlert(n)).map((b) => [b.label, b.custom_id])).toEqual([
        ['Not this story', `sw:fb:1:${alert.id}:o`],
        ['Wrong date', `sw:fb:1:${alert.id}:d`],
      ]);
      expect(slackActions(slackAlert(n)).map((a) => a.action_id)).toEqual([`sw:fb:1:${alert.id}:o`, `sw:fb:1:${alert.id}:d`]);
    }
  });

  it('a "not this story" click on Discord records who and when, withdraws the source, and the alert is edited with the new count', async () => {
    const alert = alerts[0] as Alert;
    const before = await counts(alert.developments);
    expect(before.every((d) => d.sources.includes(alert.itemId))).toBe(true);
    const shown = fields(discordAlert(0), 'Sources');
    const answer = await discordClick(buttons(discordAlert(0))[0]?.custom_id ?? '', READERS[0] as string);
    expect(answer).toContain('your label is recorded');
    expect(answer).toContain('no longer counts as a source');
    expect(await store.listAlertLabels({ alertId: alert.id })).toEqual([
      expect.objectContaining({ choice: 'off_topic', platform: 'discord', tenantId: GUILD, userId: READERS[0], channelId: DISCORD_CHANNEL, at: clock.now() }),
    ]);
    const after = await counts(alert.developments);
    for (const [i, d] of after.entries()) {
      expect(d.sources).toEqual((before[i]?.sources ?? []).filter((id) => id !== alert.itemId));
    }
    expect((await store.listDevelopments(STORY)).some((d) => d.sources.includes(alert.itemId))).toBe(false);
    expect((await store.listAudit()).find((e) => e.action === 'label.off_topic')).toMatchObject({ outcome: 'ok', platform: 'discord', tenantId: GUILD });

    const report = await editPass();
    expect(report.edited).toBe(2);
    const edited = fields(discordAlert(0), 'Sources');
    expect(edited).not.toEqual(shown);
    const expected = after.map((d) =>
      d.sources.length === 0
        ? 'withdrawn: no source counts'
        : d.sources.length === 1
          ? 'first report'
          : `also reported by ${d.sources.length - 1} source${d.sources.length === 2 ? '' : 's'}`,
    );
    expect(edited.sort()).toEqual(expected.sort());
    expect(JSON.stringify(slackAlert(0).blocks)).toContain(expected[0]);
    expect(buttons(discordAlert(0))).toHaveLength(2);
  });

  it('says a second click of the same reader is already recorded, and records nothing more', async () => {
    const answer = await discordClick(`sw:fb:1:${alerts[0]?.id}:o`, READERS[0] as string);
    expect(answer).toContain('already');
    expect(await store.listAlertLabels({ alertId: alerts[0]?.id })).toHaveLength(1);
  });

  it('refuses clicks from another server or workspace, another channel, or a DM, and audits them', async () => {
    const id = `sw:fb:1:${alerts[0]?.id}:o`;
    expect(await discordClick(id, READERS[1] as string, { guild: OTHER_GUILD })).toContain('another server or workspace');
    expect(await slackClick(id, 'U0OUTSIDER', 'T0OTHER')).toContain('another server or workspace');
    expect(await discordClick(id, READERS[1] as string, { channel: '444444444444444444' })).toContain('not posted in this channel');
    expect(await discordClick(id, READERS[1] as string, { guild: null })).toContain('server or workspace channel');
    expect(await discordClick('sw:fb:2:1:o', READERS[1] as string)).toContain('older storywatch');
    expect(await store.listAlertLabels({ alertId: alerts[0]?.id })).toHaveLength(1);
    const refused = (await store.listAudit()).filter((e) => e.action === 'label.off_topic' && e.outcome === 'refused').map((e) => e.detail?.split(':')[0]);
    expect(refused).toEqual(expect.arrayContaining(['LABEL_TENANT_MISMATCH', 'LABEL_NOT_POSTED_HERE', 'LABEL_NOT_IN_SERVER', 'LABEL_ALREADY_RECORDED']));
    expect(refused.filter((c) => c === 'LABEL_TENANT_MISMATCH')).toHaveLength(2);
  });

  it('a Slack click counts too; the third reader withdraws the alert, and both messages say so without buttons', async () => {
    const id = `sw:fb:1:${alerts[0]?.id}:o`;
    expect(await slackClick(id, 'U0READER')).toContain('2 of 3 readers');
    expect(await discordClick(id, READERS[1] as string)).toContain('the alert is marked withdrawn');
    const labels = await store.listAlertLabels({ alertId: alerts[0]?.id });
    expect(labels.map((l) => [l.platform, l.userId])).toEqual([
      ['discord', READERS[0]],
      ['slack', 'U0READER'],
      ['discord', READERS[1]],
    ]);
    expect((await store.getAlert(alerts[0]?.id ?? 0))?.withdrawnAt).toEqual(clock.now());
    expect((await editPass()).edited).toBe(2);
    expect(discordAlert(0).content).toContain('Withdrawn: readers said this item is not about this story.');
    expect(discordAlert(0).components).toEqual([]);
    expect(JSON.stringify(slackAlert(0).blocks)).toContain('Withdrawn · New development');
    expect(slackActions(slackAlert(0))).toEqual([]);
    expect(buttons(discordAlert(1))).toHaveLength(2);
  });

  it('three "wrong date" labels dispute the date of an alert, which keeps counting its source', async () => {
    const alert = alerts[1] as Alert;
    const id = `sw:fb:1:${alert.id}:d`;
    const before = await counts(alert.developments);
    expect(await discordClick(id, READERS[0] as string)).toContain('1 of 3 readers');
    expect(await slackClick(id, 'U0READER')).toContain('2 of 3 readers');
    expect(await discordClick(id, READERS[2] as string)).toContain('its date is marked disputed');
    expect(await counts(alert.developments)).toEqual(before);
    expect((await editPass()).edited).toBe(2);
    const days = (await store.developmentsById(alert.developments)).map((d) => `${d.date} (disputed)`);
    expect(fields(discordAlert(1), 'Date').sort()).toEqual(days.sort());
    expect(JSON.stringify(slackAlert(1).blocks)).toContain(`*Date*\\n${days[0]}`);
    expect(buttons(discordAlert(1))).toHaveLength(2);
  });

  it('answers a label click over the gateway with an ephemeral confirmation', async () => {
    const answers: { flags?: number; embeds: { description?: string }[] }[] = [];
    const click = (guildId: string | null): ButtonLike =>
      ({
        user: { id: READERS[1] },
        channelId: DISCORD_CHANNEL,
        guildId,
        memberPermissions: guildId === null ? null : { bitfield: 0n },
        customId: `sw:fb:1:${alerts[1]?.id}:d`,
        isChatInputCommand: () => false,
        isButton: () => true,
        isAutocomplete: () => false,
        update: async () => undefined,
        reply: async (options: (typeof answers)[number]) => void answers.push(options),
        deferReply: async () => undefined,
        editReply: async (options: (typeof answers)[number]) => void answers.push(options),
      }) as unknown as ButtonLike;
    const deps = { services: servicesOf(), pager: createReplyPager(), logger: log };
    await handleGatewayInteraction(click(GUILD), deps);
    await handleGatewayInteraction(click(null), deps);
    expect(answers.map((a) => [a.flags, a.embeds[0]?.description?.replace(/\\/g, '')])).toEqual([
      [64, expect.stringContaining('4 readers have said so; its date is marked disputed already.')],
      [64, expect.stringContaining('Labels are given on alerts in a server or workspace channel.')],
    ]);
    expect((await store.listAlertLabels({ alertId: alerts[1]?.id })).filter((l) => l.userId === READERS[1])).toHaveLength(1);
  });

  describe('labels export, read by eval and train', () => {
    let exported: string;
    let corpus: string;
    let env: { config: string; db: string };
    const cli = (...args: string[]) => runCli(['--config', env.config, '--db', env.db, ...args]);

    beforeAll(() => {
      const config = path.join(dir, 'config');
      mkdirSync(config);
      cpSync(path.join('config', 'stories'), path.join(config, 'stories'), { recursive: true });
      cpSync(path.join('config', 'taxonomy'), path.join(config, 'taxonomy'), { recursive: true });
      writeFileSync(path.join(config, 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\n');
      env = { config, db: path.join(dir, 'sw.db') };
      exported = path.join(dir, 'labels.jsonl');
      // The corpus' first 120 lines (both splits): real items, fewer of them, so train and eval run fast.
      corpus = path.join(dir, 'corpus-part.jsonl');
      const lines = readFileSync(path.join('test', 'fixtures', 'corpus', `${STORY}.jsonl`), 'utf8')
        .split('\n')
        .slice(0, 120);
      writeFileSync(corpus, `${lines.join('\n')}\n`);
    });

    it('writes one corpus line per labeled item: the item as stored, off_topic or a date note, who and when', async () => {
      const r = await cli('labels', 'export', '--story', STORY, '--out', exported);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('wrote 2 labeled item(s) (1 off_topic, 1 in_cluster with a date note)');
      const lines = readFileSync(exported, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const [gone, dated] = await store.getItems([alerts[0]?.itemId ?? 0, alerts[1]?.itemId ?? 0]);
      expect(lines.map((l) => inputLineSchema.safeParse(l).success)).toEqual([true, true]);
      expect(lines[0]).toMatchObject({ label: 'off_topic', split: 'dev', title: gone?.title, lang: gone?.lang });
      expect(lines[0]?.source_url).toBe(gone?.link ?? undefined);
      expect(gone?.text.startsWith(String(lines[0]?.summary).slice(0, 40))).toBe(true);
      expect((lines[0]?.provenance as { user: string }[]).map((p) => p.user)).toEqual([READERS[0], 'U0READER', READERS[1]]);
      expect(lines[1]).toMatchObject({ label: 'in_cluster', split: 'dev', title: dated?.title });
      expect(String(lines[1]?.date_note)).toMatch(/^readers said the date is wrong: the alert gave 2024-01-\d\d/);
      expect(lines[1]?.developments).toBeUndefined();
      expect((await cli('labels', 'export', '--story', 'no-such-story')).err).toContain('STORY_NOT_FOUND');
    }, 60_000);

    it('eval --labels adds the lines to what it measures, never on the test split; train --labels records them', async () => {
      const [plainRun, r] = await Promise.all([
        cli('eval', '--story', STORY, '--input', corpus, '--split', 'dev', '--json'),
        cli('eval', '--story', STORY, '--input', corpus, '--split', 'dev', '--labels', exported, '--json'),
      ]);
      const plain = JSON.parse(plainRun.out) as Record<string, Record<string, { n: number }>>;
      expect(r.code, r.err).toBe(0);
      const withLabels = JSON.parse(r.out) as typeof plain & { items: number; labels: { lines: number; heldOut: number } };
      expect(withLabels.labels).toMatchObject({ lines: 2, heldOut: 0 });
      expect(withLabels.items).toBe(Number(plain.items) + 2);
      expect(withLabels.byLabel?.off_topic?.n).toBe((plain.byLabel?.off_topic?.n ?? 0) + 1);
      expect(withLabels.byLabel?.in_cluster?.n).toBe((plain.byLabel?.in_cluster?.n ?? 0) + 1);
      const onTest = await cli('eval', '--story', STORY, '--input', corpus, '--split', 'test', '--labels', exported);
      expect([onTest.code, onTest.err]).toEqual([2, expect.stringContaining('EVAL_LABELS_TEST')]);

      const out = path.join(dir, 'weights.yml');
      const trained = await cli('train', '--story', STORY, '--input', corpus, '--labels', exported, '--out', out);
      expect(trained.code, trained.err).toBe(0);
      expect(trained.out).toContain("and 2 readers' label(s)");
      const weights = parseYaml(readFileSync(out, 'utf8')) as { trainedOn: { items: number; labels: { items: number; sha256: string } } };
      expect(weights.trainedOn.labels.items).toBe(2);
      expect(weights.trainedOn.labels.sha256).toMatch(/^[0-9a-f]{64}$/);
    }, 120_000);

    it('sets aside a label whose source URL is an item of the test split', async () => {
      const testLine =
        readFileSync(corpus, 'utf8')
          .split('\n')
          .find((l) => l.includes('"split": "test"')) ?? '';
      const testUrl = (JSON.parse(testLine) as { source_url: string }).source_url;
      const [first, second] = readFileSync(exported, 'utf8').trim().split('\n');
      const leaked = path.join(dir, 'leaked.jsonl');
      writeFileSync(leaked, `${JSON.stringify({ ...(JSON.parse(first ?? '{}') as object), source_url: testUrl })}\n${second}\n`);
      const r = await cli('eval', '--story', STORY, '--input', corpus, '--split', 'dev', '--labels', leaked, '--json');
      expect(r.code, r.err).toBe(0);
      expect((JSON.parse(r.out) as { labels: unknown }).labels).toMatchObject({ lines: 1, heldOut: 1 });
      expect(r.err).toContain('LABELS_HELD_OUT');
    }, 120_000);
  });
});
