import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleGatewayInteraction, type ButtonLike } from '../src/adapters/discord/commands/gateway.js';
import { createReplyPager } from '../src/adapters/discord/commands/reply.js';
import type { Alert } from '../src/core/development.js';
import { createLogger } from '../src/core/logger.js';
import type { FakeDiscordMessage } from './fakes/discord-server.js';
import type { FakeSlackMessage } from './fakes/slack-server.js';
import { DISCORD_CHANNEL, GUILD, READERS, SLACK_CHANNEL, STORY, startLabelHarness, type LabelHarness } from './helpers/label-harness.js';

const OTHER_GUILD = '666666666666666666';
type Row = { type: number; components: { custom_id: string; label: string }[] };
type Field = { name: string; value: string };

/** "Not this story" and "wrong date" clicks on alerts posted to the fake Discord and Slack, through the real pipeline and both endpoints. */
describe('readers label alerts: "not this story", "wrong date"', () => {
  const log = createLogger('silent');
  let h: LabelHarness;

  beforeAll(async () => {
    h = await startLabelHarness();
  }, 60_000);
  afterAll(() => h.close());

  const discordAlert = (n: number): FakeDiscordMessage => h.discord.messages(DISCORD_CHANNEL)[n] as FakeDiscordMessage;
  const slackAlert = (n: number): FakeSlackMessage => h.slack.messages(SLACK_CHANNEL)[n] as FakeSlackMessage;
  const buttons = (m: FakeDiscordMessage) => (m.components as Row[]).flatMap((r) => r.components);
  const fields = (m: FakeDiscordMessage, name: string): string[] =>
    m.embeds.flatMap((e) => (e.fields as Field[]).filter((f) => f.name === name).map((f) => f.value));
  const slackActions = (m: FakeSlackMessage) => m.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as { action_id: string }[]);
  /** A Discord click's ephemeral answer text (checked to be an ephemeral message). */
  async function discordClick(customId: string, user: string, where: { guild?: string | null; channel?: string } = {}): Promise<string> {
    const answer = await h.discordClick(customId, user, where);
    expect([answer.status, answer.type, answer.flags]).toEqual([200, 4, 64]);
    return answer.text;
  }
  /** A Slack click's ephemeral answer, as JSON text. */
  async function slackClick(actionId: string, user: string, team?: string): Promise<string> {
    const { status, answer } = await h.slackClick(actionId, user, team);
    expect(status).toBe(200);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    return JSON.stringify(answer);
  }

  const counts = async (ids: number[]) => (await h.store.developmentsById(ids)).map((d) => ({ id: d.id, sources: d.sources, languages: d.languages }));

  it('posts each alert with a "Not this story" and a "Wrong date" button naming it, on both platforms', () => {
    expect(h.alerts.length).toBeGreaterThanOrEqual(2);
    expect(h.discord.messages(DISCORD_CHANNEL)).toHaveLength(h.alerts.length);
    for (const [n, alert] of h.alerts.entries()) {
      expect(buttons(discordAlert(n)).map((b) => [b.label, b.custom_id])).toEqual([
        ['Not this story', `sw:fb:1:${alert.id}:o`],
        ['Wrong date', `sw:fb:1:${alert.id}:d`],
      ]);
      expect(slackActions(slackAlert(n)).map((a) => a.action_id)).toEqual([`sw:fb:1:${alert.id}:o`, `sw:fb:1:${alert.id}:d`]);
    }
  });

  it('a "not this story" click on Discord records who and when, withdraws the source, and the alert is edited with the new count', async () => {
    const alert = h.alerts[0] as Alert;
    const before = await counts(alert.developments);
    expect(before.every((d) => d.sources.includes(alert.itemId))).toBe(true);
    const shown = fields(discordAlert(0), 'Sources');
    const answer = await discordClick(buttons(discordAlert(0))[0]?.custom_id ?? '', READERS[0] as string);
    expect(answer).toContain('your label is recorded');
    expect(answer).toContain('no longer counts as a source');
    expect(await h.store.listAlertLabels({ alertId: alert.id })).toEqual([
      expect.objectContaining({ choice: 'off_topic', platform: 'discord', tenantId: GUILD, userId: READERS[0], channelId: DISCORD_CHANNEL, at: h.clock.now() }),
    ]);
    const after = await counts(alert.developments);
    for (const [i, d] of after.entries()) {
      expect(d.sources).toEqual((before[i]?.sources ?? []).filter((id) => id !== alert.itemId));
    }
    expect((await h.store.listDevelopments(STORY)).some((d) => d.sources.includes(alert.itemId))).toBe(false);
    expect((await h.store.listAudit()).find((e) => e.action === 'label.off_topic')).toMatchObject({ outcome: 'ok', platform: 'discord', tenantId: GUILD });

    const report = await h.editPass();
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
    const answer = await discordClick(`sw:fb:1:${h.alerts[0]?.id}:o`, READERS[0] as string);
    expect(answer).toContain('already');
    expect(await h.store.listAlertLabels({ alertId: h.alerts[0]?.id })).toHaveLength(1);
  });

  it('refuses clicks from another server or workspace, another channel, or a DM, and audits them', async () => {
    const id = `sw:fb:1:${h.alerts[0]?.id}:o`;
    expect(await discordClick(id, READERS[1] as string, { guild: OTHER_GUILD })).toContain('another server or workspace');
    expect(await slackClick(id, 'U0OUTSIDER', 'T0OTHER')).toContain('another server or workspace');
    expect(await discordClick(id, READERS[1] as string, { channel: '444444444444444444' })).toContain('not posted in this channel');
    expect(await discordClick(id, READERS[1] as string, { guild: null })).toContain('server or workspace channel');
    expect(await discordClick('sw:fb:2:1:o', READERS[1] as string)).toContain('older storywatch');
    expect(await h.store.listAlertLabels({ alertId: h.alerts[0]?.id })).toHaveLength(1);
    const refused = (await h.store.listAudit()).filter((e) => e.action === 'label.off_topic' && e.outcome === 'refused').map((e) => e.detail?.split(':')[0]);
    expect(refused).toEqual(expect.arrayContaining(['LABEL_TENANT_MISMATCH', 'LABEL_NOT_POSTED_HERE', 'LABEL_NOT_IN_SERVER', 'LABEL_ALREADY_RECORDED']));
    expect(refused.filter((c) => c === 'LABEL_TENANT_MISMATCH')).toHaveLength(2);
  });

  it('a Slack click counts too; the third reader withdraws the alert, and both messages say so without buttons', async () => {
    const id = `sw:fb:1:${h.alerts[0]?.id}:o`;
    expect(await slackClick(id, 'U0READER')).toContain('2 of 3 readers');
    expect(await discordClick(id, READERS[1] as string)).toContain('the alert is marked withdrawn');
    const labels = await h.store.listAlertLabels({ alertId: h.alerts[0]?.id });
    expect(labels.map((l) => [l.platform, l.userId])).toEqual([
      ['discord', READERS[0]],
      ['slack', 'U0READER'],
      ['discord', READERS[1]],
    ]);
    expect((await h.store.getAlert(h.alerts[0]?.id ?? 0))?.withdrawnAt).toEqual(h.clock.now());
    expect((await h.editPass()).edited).toBe(2);
    expect(discordAlert(0).content).toContain('Withdrawn: readers said this item is not about this story.');
    expect(discordAlert(0).components).toEqual([]);
    expect(JSON.stringify(slackAlert(0).blocks)).toContain('Withdrawn · New development');
    expect(slackActions(slackAlert(0))).toEqual([]);
    expect(buttons(discordAlert(1))).toHaveLength(2);
  });

  it('three "wrong date" labels dispute the date of an alert, which keeps counting its source', async () => {
    const alert = h.alerts[1] as Alert;
    const id = `sw:fb:1:${alert.id}:d`;
    const before = await counts(alert.developments);
    expect(await discordClick(id, READERS[0] as string)).toContain('1 of 3 readers');
    expect(await slackClick(id, 'U0READER')).toContain('2 of 3 readers');
    expect(await discordClick(id, READERS[2] as string)).toContain('its date is marked disputed');
    expect(await counts(alert.developments)).toEqual(before);
    expect((await h.editPass()).edited).toBe(2);
    const days = (await h.store.developmentsById(alert.developments)).map((d) => `${d.date} (disputed)`);
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
        customId: `sw:fb:1:${h.alerts[1]?.id}:d`,
        isChatInputCommand: () => false,
        isButton: () => true,
        isAutocomplete: () => false,
        update: async () => undefined,
        reply: async (options: (typeof answers)[number]) => void answers.push(options),
        deferReply: async () => undefined,
        editReply: async (options: (typeof answers)[number]) => void answers.push(options),
      }) as unknown as ButtonLike;
    const deps = { services: h.services, pager: createReplyPager(), logger: log };
    await handleGatewayInteraction(click(GUILD), deps);
    await handleGatewayInteraction(click(null), deps);
    expect(answers.map((a) => [a.flags, a.embeds[0]?.description?.replace(/\\/g, '')])).toEqual([
      [64, expect.stringContaining('4 readers have said so; its date is marked disputed already.')],
      [64, expect.stringContaining('Labels are given on alerts in a server or workspace channel.')],
    ]);
    expect((await h.store.listAlertLabels({ alertId: h.alerts[1]?.id })).filter((l) => l.userId === READERS[1])).toHaveLength(1);
  });
});
