import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { COMMANDS, findCommand } from '../commands/index.js';
import { commandUsage, parseCommandText, parseSlashCommand, splitWords } from '../src/adapters/slack/commands/parse-text.js';

describe('Slack command text and names', () => {
  const raw = (name: string, text: string) => parseCommandText(findCommand(name)!, text);

  it('splits words on spaces, keeping quoted values (straight or curly) and apostrophes', () => {
    expect(splitWords(`add https://x.example/feed "Dawn News" name:'A B' --tz="Asia/Karachi"`)).toEqual([
      'add',
      'https://x.example/feed',
      'Dawn News',
      'name:A B',
      '--tz=Asia/Karachi',
    ]);
    expect(splitWords('what’s new “in Quetta” today')).toEqual(['what’s', 'new', 'in Quetta', 'today']);
    expect(splitWords(`"unclosed quote`)).toEqual(['"unclosed', 'quote']);
  });

  it('maps text to options from the definition: required ones by position, the rest named', () => {
    expect(raw('ask', 'when did Pakistan strike Iran?')).toEqual({ ok: true, raw: { question: 'when did Pakistan strike Iran?' } });
    expect(raw('ask', 'story:iran-pakistan-2024 latest --share')).toEqual({ ok: true, raw: { question: 'latest', story: 'iran-pakistan-2024', share: true } });
    expect(raw('subscribe', 'digest 08:00 Asia/Karachi')).toEqual({ ok: true, raw: { what: 'digest', time: '08:00', tz: 'Asia/Karachi' } });
    expect(raw('subscribe', 'digest --tz Europe/Paris time:09:30')).toEqual({ ok: true, raw: { what: 'digest', tz: 'Europe/Paris', time: '09:30' } });
    expect(raw('timeline', 'from:2024-01-18 --share no')).toEqual({ ok: true, raw: { from: '2024-01-18', share: 'no' } });
    expect(raw('feeds', 'remove 3')).toEqual({ ok: true, raw: { action: 'remove', url: '3' } });
    expect(raw('digest', 'now please')).toEqual({ ok: false, error: 'unexpected "please": put a value with spaces in quotes; usage: /digest <now>' });
    expect(raw('timeline', '--since 2024')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^unknown option --since; usage: \/timeline \[story\] \[from\] \[to\] \[--share\]/),
    });
  });

  it('routes by the configured names: a prefix, the umbrella, Slack-escaped text', () => {
    expect(parseSlashCommand('/sw-timeline', 'from:2024-01-18', 'sw-')).toMatchObject({
      kind: 'command',
      def: { name: 'timeline' },
      raw: { from: '2024-01-18' },
    });
    expect(parseSlashCommand('/sw-storywatch', 'ask latest', 'sw-')).toMatchObject({ kind: 'command', def: { name: 'ask' }, raw: { question: 'latest' } });
    expect(parseSlashCommand('/storywatch', '')).toEqual({ kind: 'help' });
    expect(parseSlashCommand('/feeds', 'add <https://x.example/f?a=1&amp;b=2|x.example/f> &lt;b&gt;')).toMatchObject({
      raw: { url: 'https://x.example/f?a=1&b=2', name: '<b>' },
    });
    expect(parseSlashCommand('/weather', '')).toMatchObject({ kind: 'error', title: 'Unknown command' });
  });

  it('the manifest declares every command with the definitions’ descriptions and usage, plus the umbrella', () => {
    const manifest = parseYaml(readFileSync('slack-app-manifest.yml', 'utf8')) as {
      features: { slash_commands: { command: string; description: string; usage_hint: string }[] };
      oauth_config: { scopes: { bot: string[] } };
      settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean } };
    };
    const declared = manifest.features.slash_commands;
    expect(declared.map((c) => c.command)).toEqual([...COMMANDS.map((c) => `/${c.name}`), '/storywatch']);
    for (const def of COMMANDS)
      expect(declared.find((c) => c.command === `/${def.name}`)).toMatchObject({ description: def.description, usage_hint: commandUsage(def) });
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'channels:history', 'groups:history']));
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: true, interactivity: { is_enabled: true } });
  });
});
