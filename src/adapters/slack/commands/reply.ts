import { randomBytes } from 'node:crypto';
import type { Reply } from '../../../../commands/command.js';
import { safeUrl } from '../../common/text.js';
import { escapeSlack, SLACK_LIMITS, type SlackBlock } from '../render.js';
import { oneLine, truncate } from '../../../core/text/display.js';

type PlainText = { type: 'plain_text'; text: string; emoji?: boolean };
type Button = { type: 'button'; action_id: string; text: PlainText; value: string };

/** The blocks of a command answer: the alert blocks plus an actions block for the page buttons. */
export type ReplyBlock = SlackBlock | { type: 'actions'; elements: Button[] };

/** A command answer as `ack()` and `respond()` take it. */
export interface SlackReplyMessage {
  response_type: 'ephemeral' | 'in_channel';
  /** Fallback text (notifications, screen readers), escaped like the blocks. */
  text: string;
  blocks: ReplyBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

/** Keeps the pages of long answers so their buttons can turn them; entries are dropped least recently used first. */
export interface SlackPager {
  /** The first page of `reply`, with Previous/Next buttons when there are more. */
  render(reply: Reply): SlackReplyMessage;
  /** The page a button's `value` asks for, or undefined when its answer is unknown or was dropped. */
  turn(value: string): SlackReplyMessage | undefined;
}

/** The action ids of the page buttons (Slack wants action ids unique within a block). */
export const PAGE_ACTIONS = { previous: 'sw_page_prev', next: 'sw_page_next' } as const;
/** Matches the action id of either page button. */
export const PAGE_ACTION = /^sw_page_(prev|next)$/u;
/** How many lines a page shows at most. */
export const PAGE_LINES = 10;
/** The text of the answer to a button whose pages were dropped (capacity reached, or a restart). */
export const EXPIRED_PAGES = 'These pages have expired; run the command again.';

/** How long one line may be before it is cut (before escaping). */
const LINE_MAX = 1000;
const URL_PART = /(https?:\/\/\S+)/u;
const PAGE_VALUE = /^([A-Za-z0-9_-]{1,40}):(\d{1,4})$/u;

interface PagedAnswer {
  title: string;
  responseType: SlackReplyMessage['response_type'];
  pages: string[][];
}

/**
 * Creates a pager holding at most `capacity` paged answers in memory: a least-recently-used map keyed
 * by a random id that the buttons' values carry with the page number.
 */
export function createSlackPager(capacity = 500): SlackPager {
  const answers = new Map<string, PagedAnswer>();
  return {
    render(reply) {
      const answer: PagedAnswer = {
        title: truncate(oneLine(reply.title), SLACK_LIMITS.header) || '—',
        responseType: reply.ephemeral ? 'ephemeral' : 'in_channel',
        pages: paginate(reply.lines.map(inertLine).filter((l) => l !== '')),
      };
      const id = randomBytes(9).toString('base64url');
      if (answer.pages.length > 1) {
        answers.set(id, answer);
        for (const oldest of answers.keys()) {
          if (answers.size <= capacity) break;
          answers.delete(oldest);
        }
      }
      return page(id, answer, 0);
    },
    turn(value) {
      const [, id = '', n = '0'] = PAGE_VALUE.exec(value) ?? [];
      const answer = answers.get(id);
      if (!answer) return undefined;
      answers.delete(id);
      answers.set(id, answer);
      return page(id, answer, Math.min(Number(n), answer.pages.length - 1));
    },
  };
}

/** Page `n` of an answer: header, the lines in sections of at most 3,000 characters, page number and buttons. */
function page(id: string, answer: PagedAnswer, n: number): SlackReplyMessage {
  const lines = answer.pages[n] ?? [];
  const blocks: ReplyBlock[] = [{ type: 'header', text: { type: 'plain_text', text: answer.title, emoji: false } }];
  for (const text of sections(lines)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  const count = answer.pages.length;
  if (count > 1) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Page ${n + 1}/${count}` }] });
    const buttons: Button[] = [];
    if (n > 0) buttons.push(button(PAGE_ACTIONS.previous, '◀ Previous', `${id}:${n - 1}`));
    if (n < count - 1) buttons.push(button(PAGE_ACTIONS.next, 'Next ▶', `${id}:${n + 1}`));
    blocks.push({ type: 'actions', elements: buttons });
  }
  const title = escapeFitted(answer.title, SLACK_LIMITS.header);
  const first = lines[0];
  const text = first && title.length + 2 + first.length <= SLACK_LIMITS.text ? `${title}: ${first}` : title;
  return { response_type: answer.responseType, text, blocks, unfurl_links: false, unfurl_media: false };
}

function button(actionId: string, label: string, value: string): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label, emoji: true }, value };
}

/** Lines packed into pages of at most PAGE_LINES lines; always at least one page. */
function paginate(lines: string[]): string[][] {
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += PAGE_LINES) pages.push(lines.slice(i, i + PAGE_LINES));
  return pages.length > 0 ? pages : [[]];
}

/** Lines joined into section texts of at most 3,000 characters (each line already fits). */
function sections(lines: string[]): string[] {
  const texts: string[] = [];
  for (const line of lines) {
    const last = texts.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= SLACK_LIMITS.text) texts[texts.length - 1] = `${last}\n${line}`;
    else texts.push(line);
  }
  return texts;
}

/**
 * One line made inert for mrkdwn: `&`, `<`, `>` become entities (so `<!channel>` in a feed title stays
 * text) and formatting characters are fenced, while http(s) links become `<url>` links; at most 3,000
 * characters.
 */
function inertLine(line: string): string {
  let out = '';
  for (const [i, part] of truncate(oneLine(line), LINE_MAX).split(URL_PART).entries()) {
    const room = SLACK_LIMITS.text - out.length;
    const url = i % 2 === 1 ? safeUrl(part) : null;
    if (url && url.length + 2 <= room) {
      out += `<${url}>`;
      continue;
    }
    const escaped = escapeSlack(part);
    if (escaped.length > room) return out + escapeFitted(part, room);
    out += escaped;
  }
  return out;
}

/** `text` escaped, cut to `max` characters without leaving half an entity. */
function escapeFitted(text: string, max: number): string {
  const escaped = escapeSlack(text);
  return escaped.length <= max ? escaped : truncate(escaped, max).replace(/&[a-z]*…$/u, '…');
}
