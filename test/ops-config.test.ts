import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';

describe('ops channel configuration (storywatch.yml `ops`, STORYWATCH_OPS_CHANNELS)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-ops-config-'));
    mkdirSync(path.join(dir, 'config'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const load = (yml: string, env: Record<string, string> = {}) => {
    writeFileSync(path.join(dir, 'config', 'storywatch.yml'), yml);
    return loadConfig({ STORYWATCH_CONFIG_DIR: path.join(dir, 'config'), ...env });
  };

  it('defaults to no ops channel, 3 failures and a backlog of 500', () => {
    expect(load('log:\n  level: info\n')).toMatchObject({ ok: true, value: { ops: { targets: [], feedFailures: 3, backlogLimit: 500 } } });
  });

  it('takes one channel, or one per platform, with its thresholds', () => {
    expect(load('ops: { platform: discord, channel: "123456789012345678", feedFailures: 5 }\n')).toMatchObject({
      ok: true,
      value: { ops: { targets: [{ platform: 'discord', channelId: '123456789012345678' }], feedFailures: 5, backlogLimit: 500 } },
    });
    const both = load(
      'ops:\n  channels:\n    - { platform: discord, channel: "123456789012345678" }\n    - { platform: slack, channel: C0OPSDESK }\n  backlogLimit: 50\n',
    );
    expect(both).toMatchObject({
      ok: true,
      value: { ops: { targets: [{ platform: 'discord' }, { platform: 'slack', channelId: 'C0OPSDESK' }], backlogLimit: 50 } },
    });
  });

  it('refuses a bad platform, a channel name for an id, two channels on one platform, and a channel without its platform, naming the field', () => {
    const message = (yml: string) => {
      const r = load(yml);
      return r.ok ? '' : r.error.message;
    };
    expect(message('ops: { platform: teams, channel: "1" }\n')).toMatch(/storywatch\.yml: ops\.platform: expected discord or slack/u);
    expect(message('ops: { platform: slack, channel: "#ops" }\n')).toMatch(/ops\.channel: a Slack channel id looks like C0123ABCDEF/u);
    expect(message('ops:\n  channels: [{ platform: slack, channel: C0AAAAA }, { platform: slack, channel: C0BBBBB }]\n')).toMatch(
      /ops\.channels: one ops channel per platform; slack is given twice/u,
    );
    expect(message('ops: { channel: C0OPSDESK }\n')).toMatch(/ops\.platform: platform and channel go together/u);
    expect(message('ops: { feedFailures: 0 }\n')).toMatch(/ops\.feedFailures/u);
  });

  it('STORYWATCH_OPS_CHANNELS replaces the file’s channels, and is checked the same way', () => {
    const env = { STORYWATCH_OPS_CHANNELS: 'slack:C0ENVOPS, discord:123456789012345678' };
    expect(load('ops: { platform: discord, channel: "999999999999999999" }\n', env)).toMatchObject({
      ok: true,
      value: {
        ops: {
          targets: [
            { platform: 'slack', channelId: 'C0ENVOPS' },
            { platform: 'discord', channelId: '123456789012345678' },
          ],
        },
      },
    });
    expect(load('', { STORYWATCH_OPS_CHANNELS: 'discord:ops' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/STORYWATCH_OPS_CHANNELS: "discord:ops": a Discord channel id/u) },
    });
    expect(load('', { STORYWATCH_OPS_CHANNELS: 'slack:C0AAAAA,slack:C0BBBBB' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/slack is given twice/u) },
    });
  });
});
