import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type CommandContext, type CommandServices } from '../commands/command.js';
import { findCommand } from '../commands/index.js';
import { seededServices } from './helpers/services.js';
import { runCli } from './helpers/cli.js';

const DISCORD_CHANNEL = '112233445566778899';
const ROLE = '334455667788990011';

describe('/alert-options: threads and pings per subscription (decision 024)', () => {
  let services: CommandServices;
  let close: () => Promise<void>;
  const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({
    platform: 'discord',
    userId: 'U-admin',
    channelId: DISCORD_CHANNEL,
    tenantId: 'G1',
    level: 'channel-admin',
    services,
    ...over,
  });
  const run = (raw: Record<string, unknown>, over: Partial<CommandContext> = {}) => runCommand(findCommand('alert-options')!, raw, ctx(over));
  const subscribe = (over: Partial<CommandContext> = {}) => runCommand(findCommand('subscribe')!, { what: 'alerts' }, ctx(over));
  const settingsOf = async (platform: 'discord' | 'slack', channelId: string) => {
    const sub = (await services.store.listSubscriptions()).find((s) => s.platform === platform && s.channelId === channelId);
    return services.store.getAlertSettings(sub?.id ?? 0);
  };

  beforeAll(async () => {
    ({ services, close } = await seededServices());
  });
  afterAll(async () => close());

  it('sets threads and a role ping on Discord, from a role mention, audited', async () => {
    expect((await run({ threads: 'on' })).failure?.code).toBe('SUBSCRIPTION_NOT_FOUND');
    await subscribe();
    const r = await run({ threads: 'on', ping: `<@&${ROLE}>`, kinds: 'military_strike,casualties' });
    expect(r.failure).toBeUndefined();
    expect(r.lines[0]).toBe(`This channel, alerts of ${services.storyConfigs[0]?.title}: threads on; pings role ${ROLE} on military strike, casualties.`);
    expect(await settingsOf('discord', DISCORD_CHANNEL)).toMatchObject({
      threads: true,
      ping: { target: ROLE, kinds: ['military_strike', 'casualties'] },
      updatedBy: 'U-admin',
    });
    // Unset options stay; `ping:off` stops the ping.
    await run({ kinds: 'military_strike' });
    expect((await settingsOf('discord', DISCORD_CHANNEL)).ping).toEqual({ target: ROLE, kinds: ['military_strike'] });
    await run({ ping: 'off' });
    expect(await settingsOf('discord', DISCORD_CHANNEL)).toMatchObject({ threads: true, ping: null });
    const audit = await services.store.listAudit({ limit: 5 });
    expect(audit.filter((a) => a.action === 'alert-options').map((a) => [a.outcome, a.userId, a.tenantId])).toEqual([
      ['ok', 'U-admin', 'G1'],
      ['ok', 'U-admin', 'G1'],
      ['ok', 'U-admin', 'G1'],
      ['refused', 'U-admin', 'G1'],
    ]);
  });

  it('sets a user group ping on Slack from its escaped mention, and refuses bad targets and kinds clearly', async () => {
    const slack = { platform: 'slack' as const, channelId: 'C0NEWS', tenantId: 'T0TEAM' };
    await subscribe(slack);
    expect((await run({ ping: '<!subteam^S0STRIKES|@strikes>', kinds: 'military_strike' }, slack)).failure).toBeUndefined();
    expect((await settingsOf('slack', 'C0NEWS')).ping).toEqual({ target: 'S0STRIKES', kinds: ['military_strike'] });
    expect((await run({ ping: ROLE, kinds: 'military_strike' }, slack)).lines[0]).toBe('ping: expected a Slack user group id such as S0123ABCD');
    expect((await run({ ping: '@everyone', kinds: 'military_strike' })).lines[0]).toBe('ping: expected a Discord role (its id, 17–20 digits)');
    expect((await run({ ping: ROLE, kinds: 'weather' })).lines[0]).toMatch(/^kinds: unknown kind\(s\) weather; this story's kinds: .*military_strike/u);
    expect((await run({ ping: ROLE })).lines[0]).toMatch(/^kinds: give the development kinds that ping/u);
    expect((await run({})).lines).toEqual(['threads: give threads, ping or kinds: nothing to change']);
    expect((await run({ threads: 'maybe' })).lines).toEqual(['threads: expected on or off']);
  });

  it('needs Manage Channels, a server, and the subscription of this server', async () => {
    expect((await run({ threads: 'off' }, { level: 'member' })).failure?.code).toBe('COMMAND_NOT_ALLOWED');
    expect((await run({ threads: 'off' }, { tenantId: null, level: 'member' })).failure?.code).toBe('COMMAND_NOT_ALLOWED');
    expect((await run({ threads: 'off' }, { tenantId: 'G-other' })).failure?.code).toBe('TENANT_MISMATCH');
    expect((await settingsOf('discord', DISCORD_CHANNEL)).threads).toBe(true);
  });
});

describe('storywatch alert-options', () => {
  let dir: string;
  const cli = (...args: string[]) => runCli(['--config', 'config', '--db', path.join(dir, 'sw.db'), ...args]);
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-alert-options-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sets threads and a ping from the command line, and refuses bad flags with exit 2', async () => {
    const channel = ['--platform', 'discord', '--channel', DISCORD_CHANNEL, '--story', 'iran-pakistan-2024'];
    expect((await cli('subscribe', ...channel)).code).toBe(0);
    const set = await cli('alert-options', ...channel, '--threads', 'on', '--ping', ROLE, '--kinds', 'military_strike');
    expect(set.out, set.err).toContain(`Alert options of discord channel ${DISCORD_CHANNEL}: threads on, ping ${ROLE} on military_strike.`);
    const bad = await cli('alert-options', ...channel, '--ping', 'S0STRIKES');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('ALERT_OPTIONS_INVALID: ping: expected a Discord role');
    const audit = await cli('audit');
    expect(audit.out).toMatch(/alert-options/u);
  }, 60_000);
});
