import type { DevelopmentView, OutboundMessage } from '../../delivery/message.js';
import { alsoReported, digestTotals, languagesOf, messageTitle } from '../common/text.js';
import { oneLine, plural } from '../../core/text/display.js';

/** Feed text safe for a terminal: one line, control characters (escape sequences included) removed. */
function inert(text: string): string {
  return oneLine(text.replace(/\p{Cc}/gu, ' '));
}

function developmentLines(dev: DevelopmentView, sources: string): string[] {
  return [
    `  ${dev.date} · ${inert(dev.kindLabel)} — ${inert(dev.label)}`,
    // The quote names its language when it is not the channel's (quoteFor): no code after it.
    `    ${inert(dev.summary)}`,
    `    ${sources} · languages ${inert(languagesOf(dev))}${dev.link ? ` · ${inert(dev.link)}` : ''}`,
  ];
}

/** Renders a message as readable plain-text lines for the console: the same content the chat platforms get. */
export function renderConsole(message: OutboundMessage): string[] {
  const lines = [`━━ ${inert(messageTitle(message))}${message.type === 'digest' ? ` (${inert(message.timeZone)})` : ''} ━━`];
  if (message.type === 'notice') return [...lines, ...message.lines.map((line) => `  ${inert(line)}`)];
  if (message.type === 'alert') {
    for (const dev of message.developments) lines.push(...developmentLines(dev, alsoReported(dev)));
    const { source } = message;
    lines.push(`  Source: ${inert(source.feedName)}: "${inert(source.title)}" (${inert(source.lang)})${source.link ? ` ${inert(source.link)}` : ''}`);
    if (message.context.length > 0) {
      lines.push('  Earlier in this story:');
      for (const dev of message.context) lines.push(`    ${dev.date} · ${inert(dev.label)} · ${plural(dev.sourceCount, 'source')}`);
    }
    return lines;
  }
  if (message.developments.length === 0) {
    const latest = message.latest;
    lines.push(`  No new developments since the last digest.${latest ? ` Latest: ${latest.date} · ${inert(latest.label)}` : ''}`);
    return lines;
  }
  lines.push(`  ${digestTotals(message.developments)}`);
  for (const dev of message.developments) lines.push(...developmentLines(dev, plural(dev.sourceCount, 'source')));
  return lines;
}
