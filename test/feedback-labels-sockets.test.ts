import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { startResponseUrlServer } from './fakes/slack-commands-fake.js';
import { interactionPayload, startDiscordTransport, DISCORD_IDS, type DiscordTransport } from './helpers/discord-transports.js';
import { SLACK_CHANNEL, TEAM, startLabelHarness, type LabelHarness } from './helpers/label-harness.js';
import { startSlackTransport, type SlackTransport } from './helpers/slack-transports.js';

/**
 * "Not this story" clicks over the default transports: the Discord gateway (INTERACTION_CREATE of a
 * button) and Slack Socket Mode (an `interactive` envelope), on the alerts the label harness posted.
 */
describe('label clicks over the Discord gateway and Slack Socket Mode', () => {
  const log = createLogger('silent');
  let h: LabelHarness;
  let discord: DiscordTransport;
  let slack: SlackTransport;
  let hooks: Awaited<ReturnType<typeof startResponseUrlServer>>;

  beforeAll(async () => {
    h = await startLabelHarness();
    discord = await startDiscordTransport('gateway', { services: h.services, logger: log, deferAfterMs: 2500 });
    slack = await startSlackTransport('socket', { services: h.services, adminUserIds: [], logger: log, ackWithinMs: 2500 });
    hooks = await startResponseUrlServer();
  }, 60_000);
  afterAll(async () => {
    await Promise.all([discord.close(), slack.close(), hooks.close()]);
    await h.close();
  });

  it('records a reader’s "not this story" from each socket, answers ephemerally, and the third withdraws the alert', async () => {
    const alert = h.alerts[0];
    if (!alert) throw new Error('the seeds posted no alert');
    const id = `sw:fb:1:${alert.id}:o`;

    const hook = hooks.hook();
    const ack = await slack.click({
      actionId: id,
      value: id,
      userId: 'U0SOCKET',
      channelId: SLACK_CHANNEL,
      responseUrl: hook,
      teamId: TEAM,
      blockId: 'sw_feedback',
      messageTs: h.slack.messages(SLACK_CHANNEL)[0]?.ts ?? '',
    });
    expect(ack).toBeNull();
    const [answer] = await hooks.waitFor(hook);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(answer)).toContain('1 of 3 readers');

    const viaGateway = await discord.send(interactionPayload(3, { custom_id: id, component_type: 2 }, 'member', 0n));
    expect(viaGateway).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(viaGateway.data)).toContain('2 of 3 readers');

    expect((await h.store.listAlertLabels({ alertId: alert.id })).map((l) => [l.platform, l.userId, l.choice])).toEqual([
      ['slack', 'U0SOCKET', 'off_topic'],
      ['discord', DISCORD_IDS.user, 'off_topic'],
    ]);
    const audited = (await h.store.listAudit()).filter((e) => e.action === 'label.off_topic' && e.outcome === 'ok');
    expect(audited.map((e) => [e.platform, e.userId, e.tenantId]).sort()).toEqual([
      ['discord', DISCORD_IDS.user, DISCORD_IDS.guild],
      ['slack', 'U0SOCKET', TEAM],
    ]);

    const third = await h.slackClick(id, 'U0SOCKET2');
    expect(JSON.stringify(third.answer)).toContain('the alert is marked withdrawn');
    expect((await h.store.getAlert(alert.id))?.withdrawnAt).toEqual(h.clock.now());
  });
});
