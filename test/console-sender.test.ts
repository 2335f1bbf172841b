import { describe, expect, it } from 'vitest';
import { createConsoleSender } from '../src/adapters/console/console-sender.js';
import { renderConsole } from '../src/adapters/console/render.js';
import type { OutboundMessage } from '../src/delivery/message.js';
import { D4, D5, firstAlert, fiveDigest, quietDigest } from './helpers/messages.js';

function collector(): { text: () => string; write: (chunk: string) => void } {
  const chunks: string[] = [];
  return { text: () => chunks.join(''), write: (chunk) => void chunks.push(chunk) };
}

describe('console adapter', () => {
  it('prints an alert with the new development, its source and the background', () => {
    expect(renderConsole(firstAlert())).toEqual([
      '━━ New development · Iran–Pakistan crisis, January 2024 ━━',
      '  2024-01-19 · de-escalation — Pakistan: de-escalation with Iran',
      `    ${D4.summary}`,
      `    also reported by 3 sources · languages vi, en, zh · ${D4.link}`,
      `  Source: VOA Tiếng Việt: "Pakistan, Iran nhất trí xoa dịu căng thẳng sau các vụ không kích" (vi) ${D4.link}`,
      '  Earlier in this story:',
      '    2024-01-18 · Pakistan: military strike on Iran · 4 sources',
      '    2024-01-17 · Pakistan: diplomatic protest / recall against Iran · 4 sources',
      '    2024-01-16 · Iran: military strike on Pakistan · 5 sources',
    ]);
  });

  it('prints a digest with totals and every development in date order, or the quiet line', () => {
    const lines = renderConsole(fiveDigest());
    expect(lines.slice(0, 2)).toEqual([
      '━━ Daily digest · Iran–Pakistan crisis, January 2024 · 2024-01-30 (Asia/Karachi) ━━',
      '  5 developments · 18 sources · 4 languages (ar, en, vi, zh)',
    ]);
    expect(lines.filter((l) => /^ {2}\d{4}-/u.test(l)).map((l) => l.slice(2, 12))).toEqual([
      '2024-01-16',
      '2024-01-17',
      '2024-01-18',
      '2024-01-19',
      '2024-01-29',
    ]);
    expect(lines).toContain(`    ${D5.summary}`);
    expect(renderConsole(quietDigest())).toEqual([
      '━━ Daily digest · Iran–Pakistan crisis, January 2024 · 2024-01-31 (Asia/Karachi) ━━',
      '  No new developments since the last digest. Latest: 2024-01-29 · Iran: talks with Pakistan',
    ]);
  });

  it('strips terminal control sequences from feed text', () => {
    const alert = firstAlert() as Extract<OutboundMessage, { type: 'alert' }>;
    const lines = renderConsole({ ...alert, developments: [{ ...D4, summary: 'red \u001b[31malert\u001b[0m\nnext' }] });
    expect(lines[2]).toBe('    red [31malert [0m next');
  });

  it('sends once per key, returns ids and prints updates', async () => {
    const out = collector();
    const sender = createConsoleSender(out);
    const first = await sender.send('ops', firstAlert(), 'k1');
    const again = await sender.send('ops', firstAlert(), 'k1');
    expect(first).toEqual({ ok: true, value: { messageId: 'console-1', messageIds: ['console-1'] } });
    expect(again).toEqual(first);
    expect(out.text().match(/New development/gu)).toHaveLength(1);
    expect(await sender.update('ops', 'console-1', firstAlert())).toEqual({ ok: true, value: undefined });
    expect(out.text()).toContain('[ops console-1 updated]');
  });
});
