import type { DevelopmentView, OutboundMessage, SourceView } from '../../delivery/message.js';
import { labelButtons, shownDate } from '../common/label-buttons.js';
import { alsoReported, digestTotals, languagesOf, localeOf, messageTitle, safeUrl } from '../common/text.js';
import type { Locale } from '../../delivery/locale/locale.js';
import { oneLine, truncate } from '../../core/text/display.js';

/** The message limits Slack enforces on what we send. */
export const SLACK_LIMITS = { blocks: 50, text: 3000, header: 150, fields: 10, field: 2000, contextElements: 10 } as const;

type Mrkdwn = { type: 'mrkdwn'; text: string };
type PlainText = { type: 'plain_text'; text: string; emoji?: boolean };
type Button = { type: 'button'; action_id: string; value: string; text: PlainText };

/** The Block Kit blocks we use. */
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: Mrkdwn; fields?: Mrkdwn[] }
  | { type: 'context'; elements: Mrkdwn[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id: string; elements: Button[] };

/** The arguments of one `chat.postMessage` call, without channel and outbox marker. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

const ALERT_SUMMARY = 1500;
const DIGEST_SUMMARY = 600;
const MAX_ALERT_DEVELOPMENTS = 10;

/**
 * Makes feed text inert in Slack mrkdwn: `&`, `<`, `>` become entities so `<!channel>` or `<@U…>` stay
 * literal text, and the formatting characters `*`, `_`, `~` and backtick are fenced with zero-width spaces
 * (mrkdwn has no escape character) so that `*bold*` in a title is not bold; a bare `@here`,
 * `@channel` or `@everyone` gets a zero-width space after the `@`, so no client setting turns it into a ping.
 */
export function escapeSlack(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/[*_~`]/gu, '\u200b$&\u200b')
    .replace(/@(here|channel|everyone)/giu, '@\u200b$1');
}

/** Inert one-line text of at most `max` characters once escaped (an entity is never cut in half). */
export function fit(text: string, max: number): string {
  const escaped = escapeSlack(truncate(oneLine(text), max));
  return escaped.length <= max ? escaped : truncate(escaped, max).replace(/&[a-z]*…$/u, '…');
}

/** A link as `<url|label>` with the label escaped, or the bare label when the URL is not safe. */
export function link(url: string | null, label: string, max = 300): string {
  const safe = safeUrl(url);
  return safe ? `<${safe}|${fit(label, max)}>` : fit(label, max);
}

/** A mrkdwn text object within Slack's 3,000 characters. */
export function mrkdwn(text: string): Mrkdwn {
  return { type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.text) };
}

/** A plain-text header within Slack's 150 characters. */
export function header(text: string): SlackBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(oneLine(text), SLACK_LIMITS.header), emoji: false } };
}

/**
 * Renders a message as one or more `chat.postMessage` argument sets: Block Kit within 50 blocks and
 * 3,000 characters per text, a fallback `text`, and link unfurling off.
 */
export function renderSlack(message: OutboundMessage): SlackMessage[] {
  if (message.type === 'notice') return [renderNotice(message)];
  if (message.type === 'alert') return [renderAlert(message)];
  if (message.developments.length === 0) return [renderQuietDigest(message)];
  return renderDigest(message);
}

/** The arguments of one message: its fallback text within 3,000 characters, its blocks, link unfurling off. */
export function slackMessage(text: string, blocks: SlackBlock[]): SlackMessage {
  return { text: truncate(text, SLACK_LIMITS.text), blocks, unfurl_links: false, unfurl_media: false };
}

/** An ops notice: a header, then its lines, escaped. */
function renderNotice(message: Extract<OutboundMessage, { type: 'notice' }>): SlackMessage {
  const title = messageTitle(message);
  const body = message.lines.map((line) => fit(line, 600)).join('\n');
  return slackMessage(`${fit(title, 300)}: ${fit(message.lines[0] ?? '', 600)}`, [header(title), { type: 'section', text: mrkdwn(body) }]);
}

function renderAlert(message: Extract<OutboundMessage, { type: 'alert' }>): SlackMessage {
  const locale = localeOf(message);
  const shown = message.developments.slice(0, MAX_ALERT_DEVELOPMENTS);
  const withdrawn = message.feedback?.withdrawn === true;
  const blocks: SlackBlock[] = [header(`${withdrawn ? `${locale.t('withdrawn')} · ` : ''}${messageTitle(message)}`)];
  if (withdrawn) blocks.push({ type: 'context', elements: [mrkdwn(locale.t('withdrawnNote'))] });
  for (const dev of shown) blocks.push(developmentSection(dev, shownDate(message, dev.date), locale), developmentContext(dev, message.source, locale));
  const more = message.developments.length - shown.length;
  if (more > 0) blocks.push({ type: 'context', elements: [mrkdwn(locale.count('moreDevelopments', more))] });
  if (message.context.length > 0) blocks.push({ type: 'divider' }, contextBlock(message.context, locale));
  const buttons = labelButtons(message);
  if (buttons.length > 0)
    blocks.push({
      type: 'actions',
      block_id: 'sw_feedback',
      elements: buttons.map((b) => ({ type: 'button', action_id: b.id, value: b.id, text: { type: 'plain_text', text: b.text, emoji: false } })),
    });
  const first = shown[0];
  const fallback = first
    ? locale.t('alertFallback', { story: fit(message.storyTitle, 200), label: fit(first.label, 300), date: locale.date(first.date) })
    : fit(message.storyTitle, 200);
  // The one mention comes from the subscription's settings (decision 024), never from feed text.
  if (message.mention === undefined) return slackMessage(fallback, blocks);
  const ping = `<!subteam^${message.mention}>`;
  return slackMessage(`${ping} ${fallback}`, [blocks[0]!, { type: 'section', text: mrkdwn(ping) }, ...blocks.slice(1)]);
}

function developmentSection(dev: DevelopmentView, date: string, locale: Locale): SlackBlock {
  return {
    type: 'section',
    text: mrkdwn(`*${fit(dev.label, 300)}*\n${fit(dev.summary, ALERT_SUMMARY)}`),
    fields: [
      mrkdwn(`*${locale.t('date')}*\n${date}`),
      mrkdwn(`*${locale.t('kind')}*\n${fit(dev.kindLabel, 100)}`),
      mrkdwn(`*${locale.t('language')}*\n${fit(languagesOf(dev, locale), 200)}`),
      mrkdwn(`*${locale.t('sources')}*\n${alsoReported(dev, locale)}`),
    ],
  };
}

function developmentContext(dev: DevelopmentView, source: SourceView, locale: Locale): SlackBlock {
  const elements = [mrkdwn(`${locale.t('source')}: ${link(source.link, `${source.feedName}: ${source.title}`, 600)} (${fit(source.lang, 20)})`)];
  if (safeUrl(dev.link) && dev.link !== source.link) elements.push(mrkdwn(`${locale.t('firstReported')}: ${link(dev.link, locale.t('link'))}`));
  return { type: 'context', elements };
}

/** Older developments, one compact line each, in one context element of at most 3,000 characters. */
function contextBlock(context: DevelopmentView[], locale: Locale): SlackBlock {
  const lines = [`*${locale.t('earlierInStory')}*`];
  for (const [i, dev] of context.entries()) {
    const line = `${locale.date(dev.date)} · ${fit(dev.label, 200)} · ${locale.count('sourceCount', dev.sourceCount)}`;
    if ([...lines, line].join('\n').length + 40 > SLACK_LIMITS.text) {
      lines.push(locale.t('earlier', { count: context.length - i }));
      break;
    }
    lines.push(line);
  }
  return { type: 'context', elements: [mrkdwn(lines.join('\n'))] };
}

function renderQuietDigest(message: Extract<OutboundMessage, { type: 'digest' }>): SlackMessage {
  const locale = localeOf(message);
  const latest = message.latest;
  const line = latest ? `${locale.t('quiet')} ${locale.t('latest')} *${locale.date(latest.date)}* ${link(latest.link, latest.label)}` : locale.t('quietNone');
  return slackMessage(`${fit(messageTitle(message), 300)}: ${locale.t('noNew')}`, [header(messageTitle(message)), { type: 'section', text: mrkdwn(line) }]);
}

function digestSection(dev: DevelopmentView, locale: Locale): SlackBlock {
  const sources = locale.count('sourceCount', dev.sourceCount);
  const tail = `_${fit(languagesOf(dev, locale), 200)}_ · ${sources}${safeUrl(dev.link) ? ` · ${link(dev.link, locale.t('sourceLink'))}` : ''}`;
  const text = `*${locale.date(dev.date)}* · ${fit(dev.kindLabel, 100)} — *${fit(dev.label, 300)}*\n${fit(dev.summary, DIGEST_SUMMARY)}\n${tail}`;
  return { type: 'section', text: mrkdwn(text) };
}

/** One section per development; split into messages of at most 50 blocks, each opened by a header. */
function renderDigest(message: Extract<OutboundMessage, { type: 'digest' }>): SlackMessage[] {
  const locale = localeOf(message);
  const totals = digestTotals(message.developments, locale);
  const intro: SlackBlock[] = [{ type: 'context', elements: [mrkdwn(`${totals} · ${fit(message.timeZone, 60)}`)] }, { type: 'divider' }];
  const sections = message.developments.map((dev) => digestSection(dev, locale));
  const parts: SlackBlock[][] = [];
  let rest = sections;
  while (rest.length > 0) {
    const room = SLACK_LIMITS.blocks - 1 - (parts.length === 0 ? intro.length : 0);
    parts.push(rest.slice(0, room));
    rest = rest.slice(room);
  }
  const title = messageTitle(message);
  return parts.map((blocks, i) => {
    const label = parts.length > 1 ? ` (${i + 1}/${parts.length})` : '';
    const head = header(`${truncate(title, SLACK_LIMITS.header - label.length)}${label}`);
    const text = `${fit(title, 300)}${label}: ${totals}`;
    return slackMessage(text, [head, ...(i === 0 ? intro : []), ...blocks]);
  });
}
