import { randomBytes } from 'node:crypto';
import { ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord-api-types/v10';
import type { Reply } from '../../../../commands/command.js';
import { safeUrl } from '../../common/text.js';
import { DISCORD_LIMITS, inertDiscord } from '../render.js';
import { oneLine, truncate } from '../../../core/text/display.js';

/** A command answer as Discord takes it (interaction callback data, webhook or discord.js reply body). */
export interface DiscordReplyData {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: { parse: [] };
  /** `MessageFlags.Ephemeral` when only the asker sees it; absent on page turns (they cannot change it). */
  flags?: number;
}

/** Keeps the pages of long answers so their buttons can turn them; entries are dropped oldest first. */
export interface ReplyPager {
  /** The first page of `reply`, with Previous/Next buttons when there are more. */
  render(reply: Reply): DiscordReplyData;
  /** The page a `sw:page:<n>:<id>` button asks for, or undefined when the id is unknown or expired. */
  turn(customId: string): DiscordReplyData | undefined;
}

/** How many lines a page shows at most (pages are also cut to fit the embed's 4,096 characters). */
const PAGE_LINES = 10;
/** How long one line may be before it is cut (before escaping). */
const LINE_MAX = 1000;
const PAGE_ID = /^sw:page:(\d{1,4}):([A-Za-z0-9_-]{1,40})$/u;
const URL_PART = /(https?:\/\/\S+)/u;

/** The text of the answer an expired page button gets. */
export const EXPIRED_PAGES = 'These pages have expired; run the command again.';

/**
 * Creates a pager holding at most `capacity` paged answers in memory (a least-recently-used map
 * keyed by a random id, since a button's custom_id carries only 100 characters).
 */
export function createReplyPager(capacity = 500): ReplyPager {
  const answers = new Map<string, { title: string; pages: string[] }>();
  const page = (id: string, title: string, pages: string[], n: number): DiscordReplyData => ({
    embeds: [embed(title, pages[n] ?? '', pages.length > 1 ? `Page ${n + 1}/${pages.length}` : undefined)],
    components: pages.length > 1 ? [buttons(id, n, pages.length)] : [],
    allowed_mentions: { parse: [] },
  });
  return {
    render(reply) {
      const title = inertDiscord(truncate(oneLine(reply.title), DISCORD_LIMITS.embedTitle / 2)) || '—';
      const pages = paginate(reply.lines.map(inertLine));
      const id = randomBytes(9).toString('base64url');
      if (pages.length > 1) {
        answers.set(id, { title, pages });
        for (const oldest of answers.keys()) {
          if (answers.size <= capacity) break;
          answers.delete(oldest);
        }
      }
      return { ...page(id, title, pages, 0), ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
    },
    turn(customId) {
      const [, n = '', id = ''] = PAGE_ID.exec(customId) ?? [];
      const answer = answers.get(id);
      if (!answer) return undefined;
      answers.delete(id);
      answers.set(id, answer);
      return page(id, answer.title, answer.pages, Math.min(Number(n), answer.pages.length - 1));
    },
  };
}

/** True for the custom ids of page buttons. */
export function isPageButton(customId: string): boolean {
  return customId.startsWith('sw:page:');
}

/** One line made inert: markdown escaped and mentions broken, links kept as they are (percent-encoded where needed). */
function inertLine(line: string): string {
  return truncate(oneLine(line), LINE_MAX)
    .split(URL_PART)
    .map((part, i) => {
      if (i % 2 === 1) return safeUrl(part) ?? inertDiscord(part);
      const inert = inertDiscord(part);
      return `${/^\s/u.test(part) ? ' ' : ''}${inert}${inert && /\s$/u.test(part) ? ' ' : ''}`;
    })
    .join('');
}

/** Lines packed into pages of at most PAGE_LINES lines and the embed description's 4,096 characters. */
function paginate(lines: string[]): string[] {
  const pages: string[][] = [];
  for (const line of lines) {
    const current = pages.at(-1);
    if (current && current.length < PAGE_LINES && [...current, line].join('\n').length <= DISCORD_LIMITS.embedDescription) current.push(line);
    else pages.push([line]);
  }
  return pages.length > 0 ? pages.map((p) => p.join('\n')) : [''];
}

function embed(title: string, description: string, footer: string | undefined): APIEmbed {
  return { title, ...(description ? { description } : {}), ...(footer ? { footer: { text: footer } } : {}), color: 0x5865f2 };
}

/** Previous and Next; their custom ids differ on every page of an answer of two pages or more. */
function buttons(id: string, n: number, count: number): APIActionRowComponent<APIButtonComponent> {
  const button = (label: string, to: number, disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: `sw:page:${to}:${id}`,
    disabled,
  });
  return {
    type: ComponentType.ActionRow,
    components: [button('◀ Previous', Math.max(0, n - 1), n === 0), button('Next ▶', Math.min(count - 1, n + 1), n === count - 1)],
  };
}
