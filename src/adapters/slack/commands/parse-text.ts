import type { CommandDefinition, CommandOption } from '../../../../commands/command.js';
import { COMMANDS, findCommand } from '../../../../commands/index.js';

/** The name of the umbrella command, `/storywatch <command> …` (before any configured prefix). */
export const UMBRELLA = 'storywatch';

/** What a slash command's text asks for: a command with its raw options, the command list, or a mistake. */
export type ParsedSlashCommand =
  { kind: 'command'; def: CommandDefinition; raw: Record<string, unknown> } | { kind: 'help' } | { kind: 'error'; title: string; message: string };

const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no']);
/** Opening quote → closing quote; Slack clients often turn straight quotes into curly ones. */
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»' };

/**
 * Splits text into words on whitespace; a word that starts with a quote (or `name:` / `--name=` and a
 * quote) runs to the matching quote followed by whitespace or the end, so `"Dawn News"` and
 * `name:"Dawn News"` are one word while `what's` keeps its apostrophe. An unclosed quote is a character.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/u.test(text[i] ?? '')) {
      i += 1;
      continue;
    }
    const head = /^(?:--)?[a-z][\w-]*[:=]/iu.exec(text.slice(i))?.[0] ?? '';
    const quote = QUOTES[text[i + head.length] ?? ''];
    const end = quote === undefined ? -1 : closingQuote(text, i + head.length + 1, quote);
    if (end >= 0) {
      words.push(head + text.slice(i + head.length + 1, end));
      i = end + 1;
      continue;
    }
    const next = text.slice(i).search(/\s/u);
    const stop = next < 0 ? text.length : i + next;
    words.push(text.slice(i, stop));
    i = stop;
  }
  return words;
}

function closingQuote(text: string, from: number, close: string): number {
  for (let j = text.indexOf(close, from); j >= 0; j = text.indexOf(close, j + 1)) {
    if (j + 1 >= text.length || /\s/u.test(text[j + 1] ?? '')) return j;
  }
  return -1;
}

/**
 * The options given positionally, in order: the required ones, then the optional non-boolean ones.
 * The last required free-text option (a string without choices, e.g. `/ask`'s question) takes all
 * the remaining words, so options after it must be named.
 */
function positionalOptions(def: CommandDefinition): { options: CommandOption[]; rest: CommandOption | undefined } {
  const required = def.options.filter((o) => o.required);
  const rest = required.filter((o) => o.type === 'string' && !o.choices).at(-1);
  const optional = def.options.filter((o) => !o.required && o.type !== 'boolean');
  return { options: rest ? required : [...required, ...optional], rest };
}

/**
 * Maps a slash command's text to the command's raw options, generically from its definition:
 * `name:value` and `--name value` (`--flag` alone for booleans) set named options; the other words
 * fill the positional options (see `positionalOptions`). Validation is left to the command's schema.
 */
export function parseCommandText(def: CommandDefinition, text: string): { ok: true; raw: Record<string, unknown> } | { ok: false; error: string } {
  const raw: Record<string, unknown> = {};
  const free: string[] = [];
  const words = splitWords(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const flag = /^--([a-z][\w-]*)(?:=(.*))?$/iu.exec(word);
    if (flag) {
      const option = def.options.find((o) => o.name === flag[1]?.toLowerCase());
      if (!option) return { ok: false, error: `unknown option --${flag[1]}; ${optionList(def)}` };
      const next = words[i + 1];
      if (flag[2] !== undefined) raw[option.name] = flag[2];
      else if (option.type === 'boolean') raw[option.name] = next !== undefined && BOOLEAN_WORDS.has(next.toLowerCase()) ? words[++i] : true;
      else if (next === undefined) return { ok: false, error: `--${option.name} needs a value` };
      else raw[option.name] = words[++i];
      continue;
    }
    const named = /^([a-z][\w-]*):(.+)$/isu.exec(word);
    const option = named ? def.options.find((o) => o.name === named[1]?.toLowerCase()) : undefined;
    if (named && option) raw[option.name] = named[2];
    else free.push(word);
  }
  const { options, rest } = positionalOptions(def);
  for (const option of options.filter((o) => !(o.name in raw))) {
    if (free.length === 0) break;
    raw[option.name] = option === rest ? free.splice(0).join(' ') : free.shift();
  }
  if (free.length > 0) return { ok: false, error: `unexpected "${free[0]}": put a value with spaces in quotes; ${optionList(def)}` };
  return { ok: true, raw };
}

function optionList(def: CommandDefinition): string {
  return `usage: /${def.name} ${commandUsage(def)}`.trim();
}

/** The usage hint of a command, from its definition: `<alerts|digest> [time] [tz] [story]`, `<question> [story:…] [--share]`. */
export function commandUsage(def: CommandDefinition): string {
  const { options } = positionalOptions(def);
  const shown = (o: CommandOption): string => (o.choices ? o.choices.join('|') : o.name);
  const positional = options.map((o) => (o.required ? `<${shown(o)}>` : `[${shown(o)}]`));
  const named = def.options.filter((o) => !options.includes(o)).map((o) => (o.type === 'boolean' ? `[--${o.name}]` : `[${o.name}:…]`));
  return [...positional, ...named].join(' ');
}

/**
 * Routes a slash command by its configured name: the prefix (e.g. `sw-` for `/sw-timeline`) is
 * stripped when present, so renamed commands map to their definitions; the umbrella command takes
 * the command name as its first word (`/storywatch timeline from:2024-01-16`, `/storywatch help`).
 */
export function parseSlashCommand(command: string, rawText: string, prefix = ''): ParsedSlashCommand {
  const text = decodeSlackText(rawText);
  const slash = command.replace(/^\//u, '').toLowerCase();
  const name = prefix && slash.startsWith(prefix.toLowerCase()) ? slash.slice(prefix.length) : slash;
  if (name === UMBRELLA) {
    const sub = text.trim().split(/\s+/u)[0] ?? '';
    const subName = sub.replace(/^\//u, '').toLowerCase();
    if (subName === '' || subName === 'help') return { kind: 'help' };
    return route(subName, text.trim().slice(sub.length), `/${prefix}${UMBRELLA} ${subName}`);
  }
  return route(name, text, command);
}

/**
 * The text as the user typed it: Slack sends `&`, `<`, `>` as entities, and links as `<url>` or
 * `<url|label>` (when the command escapes its text).
 */
export function decodeSlackText(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/giu, '$1')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&amp;/gu, '&');
}

function route(name: string, text: string, shownAs: string): ParsedSlashCommand {
  const def = findCommand(name);
  if (!def) return { kind: 'error', title: 'Unknown command', message: `${shownAs} is not a storywatch command; /${UMBRELLA} help lists them.` };
  const parsed = parseCommandText(def, text);
  return parsed.ok ? { kind: 'command', def, raw: parsed.raw } : { kind: 'error', title: `/${def.name}: invalid input`, message: parsed.error };
}

/** One line per command for `/storywatch help`, with the names as configured (prefix included). */
export function helpLines(prefix = ''): string[] {
  return [
    ...COMMANDS.map((c) => `${[`/${prefix}${c.name}`, commandUsage(c)].filter(Boolean).join(' ')} — ${c.description}`),
    `/${prefix}${UMBRELLA} <command> … — any of these through one command (e.g. when another app took a name)`,
  ];
}
