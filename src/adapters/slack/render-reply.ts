import type { ThreadReply } from '../../delivery/message.js';
import { localeFor } from '../../delivery/locale/locale.js';
import { alsoReported, languagesOf } from '../common/text.js';
import { fit, link, mrkdwn, slackMessage, type SlackBlock, type SlackMessage } from './render.js';

const MAX_DEVELOPMENTS = 10;

/**
 * A thread reply (decision 024) as one Slack message for `thread_ts`: "Another source" (or
 * "Correction") with the source as a link, then each development it reports with its current
 * source count. Feed text is escaped; the message mentions nobody. Words in the channel's language.
 */
export function renderSlackReply(reply: ThreadReply): SlackMessage {
  const source = reply.source;
  const locale = localeFor(reply.language);
  const word = locale.t(reply.correction ? 'correction' : 'anotherSource');
  const head = reply.correction ? `*${word}*: ${locale.t('correctionNote')}` : `*${word}*`;
  const lines = reply.developments
    .slice(0, MAX_DEVELOPMENTS)
    .map((dev) => `${locale.date(dev.date)} · ${fit(dev.label, 300)} · ${alsoReported(dev, locale)} · ${fit(languagesOf(dev, locale), 200)}`);
  const more = reply.developments.length - MAX_DEVELOPMENTS;
  const blocks: SlackBlock[] = [
    {
      type: 'section',
      text: mrkdwn(`${head}: ${link(source.link, `${source.feedName}: ${source.title}`, 600)} (${fit(locale.languages([source.lang]), 40)})`),
    },
    { type: 'context', elements: [mrkdwn([...lines, ...(more > 0 ? [locale.count('moreDevelopments', more)] : [])].join('\n'))] },
  ];
  return slackMessage(`${word}: ${fit(`${source.feedName}: ${source.title}`, 300)}`, blocks);
}
