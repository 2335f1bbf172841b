import type { ThreadReply } from '../../delivery/message.js';
import { plural } from '../../core/text/display.js';
import { alsoReported, languagesOf } from '../common/text.js';
import { fit, link, mrkdwn, slackMessage, type SlackBlock, type SlackMessage } from './render.js';

const MAX_DEVELOPMENTS = 10;

/**
 * A thread reply (decision 024) as one Slack message for `thread_ts`: "Another source" (or
 * "Correction") with the source as a link, then each development it reports with its current
 * source count. Feed text is escaped; the message mentions nobody.
 */
export function renderSlackReply(reply: ThreadReply): SlackMessage {
  const source = reply.source;
  const head = reply.correction ? '*Correction*: an earlier report changes this development' : '*Another source*';
  const lines = reply.developments
    .slice(0, MAX_DEVELOPMENTS)
    .map((dev) => `${dev.date} · ${fit(dev.label, 300)} · ${alsoReported(dev)} · ${fit(languagesOf(dev), 200)}`);
  const more = reply.developments.length - MAX_DEVELOPMENTS;
  const blocks: SlackBlock[] = [
    { type: 'section', text: mrkdwn(`${head}: ${link(source.link, `${source.feedName}: ${source.title}`, 600)} (${fit(source.lang, 20)})`) },
    { type: 'context', elements: [mrkdwn([...lines, ...(more > 0 ? [`+${plural(more, 'more development')}`] : [])].join('\n'))] },
  ];
  return slackMessage(`${reply.correction ? 'Correction' : 'Another source'}: ${fit(`${source.feedName}: ${source.title}`, 300)}`, blocks);
}
