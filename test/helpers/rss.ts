/** A minimal RSS 2.0 item for tests; omitted fields are left out of the document. */
export interface TestItem {
  title?: string;
  link?: string;
  guid?: string;
  date?: string;
  html?: string;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Builds an RSS 2.0 document, optionally with an XML encoding declaration. */
export function rss(items: TestItem[], options: { encoding?: string; title?: string } = {}): string {
  const body = items
    .map((i) =>
      [
        '<item>',
        i.title !== undefined ? `<title>${esc(i.title)}</title>` : '',
        i.link ? `<link>${esc(i.link)}</link>` : '',
        i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : '',
        i.date ? `<pubDate>${i.date}</pubDate>` : '',
        i.html !== undefined ? `<description>${esc(i.html)}</description>` : '',
        '</item>',
      ].join(''),
    )
    .join('\n');
  return `<?xml version="1.0" encoding="${options.encoding ?? 'UTF-8'}"?>\n<rss version="2.0"><channel><title>${esc(options.title ?? 'Test feed')}</title><link>http://127.0.0.1/</link><description>test</description>\n${body}\n</channel></rss>`;
}

/** Collects pino's JSON log lines in memory so tests can assert what was logged. */
export class LogSink {
  readonly lines: Record<string, unknown>[] = [];
  write(chunk: string): void {
    for (const line of chunk.split('\n')) if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
  }
}
