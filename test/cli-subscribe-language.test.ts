import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

describe('storywatch subscribe --language', () => {
  let dir: string;
  const cli = (...args: string[]) => runCli(['--config', path.join(dir, 'config'), '--db', path.join(dir, 'sw.db'), ...args]);
  const channel = ['--platform', 'slack', '--channel', 'C0DESK', '--story', 'iran-pakistan-2024'];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-cli-language-'));
    mkdirSync(path.join(dir, 'config'));
    cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sets the language, keeps it when subscribing again without one, and refuses one without a catalog', async () => {
    expect((await cli('subscribe', ...channel, '--language', 'ur')).out).toMatch(/C0DESK → iran-pakistan-2024: alerts on, no digest, active, in ur$/m);
    expect((await cli('subscribe', ...channel, '--digest', '08:00')).out).toMatch(/digest 08:00 UTC, active, in ur$/m);
    const refused = await cli('subscribe', ...channel, '--language', 'klingon');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/--language: expected one of ar, de, en, es, fa, fr, hi, id, ru, tr, ur, vi, zh/);
    const listed = JSON.parse((await cli('subscriptions', 'list', '--json')).out) as { channelId: string; language: string }[];
    expect(listed.map((s) => [s.channelId, s.language])).toEqual([['C0DESK', 'ur']]);
  });
});
