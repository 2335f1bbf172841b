import type { StoryConfig } from '../config/story-schema.js';
import type { Logger } from '../core/logger.js';
import { sourcesPerDay, type SourcesPerDay } from '../queries/sources-per-day.js';
import { storyDevelopments } from '../queries/story-developments.js';
import type { Store } from '../store/ports.js';
import type { ChartFont, RenderedPng } from './chart-png.js';
import { sourcesChartSvg } from './chart-svg.js';
import { localeFor } from './locale/locale.js';
import type { DigestChart, OutboundMessage, Sender } from './message.js';

/** What drawing digests' charts needs. */
export interface DigestChartDeps {
  store: Store;
  stories: readonly StoryConfig[];
  log: Logger;
  font?: ChartFont;
  /** SVG to PNG; resvg (./chart-png.ts, loaded on the first chart) by default. */
  render?: (svg: string, font: ChartFont) => Promise<RenderedPng>;
}

/** The attachment's file name on every platform (the Discord embed refers to it as `attachment://sources.png`). */
export const CHART_FILE_NAME = 'sources.png';

type Digest = Extract<OutboundMessage, { type: 'digest' }>;

/**
 * A sender whose digests carry the story's sources-per-day chart as a PNG (decision 031), drawn from
 * the same data as the timeline page's chart. Drawing it may fail (no renderer, a broken font): the
 * digest then goes out without it, and the failure is logged with the channel, as is an upload the
 * platform refused (`DIGEST_CHART_FAILED`, `DIGEST_CHART_UPLOAD_FAILED`). Alerts, edits and replies
 * pass through unchanged. The last picture of each story is kept while its data is the same, so the
 * channels of one story share one rendering.
 */
export function withDigestChart(sender: Sender, deps: DigestChartDeps): Sender {
  const drawn = new Map<string, { data: string; png: Uint8Array; description: string }>();

  async function chartFor(message: Digest, channel: string): Promise<DigestChart | null> {
    const story = deps.stories.find((s) => s.id === message.storyId);
    if (!story) return null;
    const data = sourcesPerDay(await storyDevelopments(deps.store, story));
    if (data.days.length === 0) return null;
    const key = JSON.stringify(data);
    let picture = drawn.get(story.id);
    if (picture?.data !== key) {
      const names = localeFor('en').languageName;
      const svg = sourcesChartSvg(data, { title: `${story.title}: sources per day`, languageName: names, ...fontFamily(deps.font) });
      const { png } = await (deps.render ?? (await import('./chart-png.js')).renderPng)(svg, deps.font ?? {});
      picture = { data: key, png, description: describeChart(data, names) };
      drawn.set(story.id, picture);
    }
    return {
      png: picture.png,
      fileName: CHART_FILE_NAME,
      description: picture.description,
      uploadFailed: (reason) =>
        deps.log.warn({ code: 'DIGEST_CHART_UPLOAD_FAILED', channel, story: story.id }, `the digest goes out without its chart: the upload failed (${reason})`),
    };
  }

  return {
    ...sender,
    send: async (channelId, message, key) => {
      if (message.type !== 'digest') return sender.send(channelId, message, key);
      const channel = `${sender.platform}:${channelId}`;
      let chart: DigestChart | null = null;
      try {
        chart = await chartFor(message, channel);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        deps.log.warn({ code: 'DIGEST_CHART_FAILED', channel, story: message.storyId }, `the digest goes out without its chart: drawing it failed (${reason})`);
      }
      return sender.send(channelId, chart ? { ...message, chart } : message, key);
    },
  };
}

function fontFamily(font: ChartFont | undefined): { fontFamily?: string } {
  return font?.family ? { fontFamily: `${font.family}, DejaVu Sans, sans-serif` } : {};
}

/** The picture in words (its alt text): the days, the sources and languages, the developments marked. */
export function describeChart(data: SourcesPerDay, languageName: (code: string) => string): string {
  const sources = data.series.reduce((sum, s) => sum + s.counts.reduce((a, b) => a + b, 0), 0);
  const languages = data.series.map((s) => languageName(s.language)).join(', ');
  return (
    `Sources per day by language, ${data.days[0] ?? ''} to ${data.days.at(-1) ?? ''}: ${sources} source(s) in ` +
    `${data.series.length} language(s) (${languages}); ${data.marks.length} development(s) marked.`
  );
}
