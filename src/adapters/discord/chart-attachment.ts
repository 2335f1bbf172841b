import type { RawFile } from '@discordjs/rest';
import type { DigestChart } from '../../delivery/message.js';
import { DIGEST_COLOUR, type DiscordMessageBody } from './render.js';

/** A message body that carries a file: the body with its `attachments`, and the file for `files[0]`. */
export interface BodyWithFile {
  body: DiscordMessageBody & { attachments: { id: number; filename: string; description: string }[] };
  files: RawFile[];
}

/** Discord's limit on an attachment's description (its alt text). */
const DESCRIPTION_MAX = 1024;

/**
 * The first part of a digest with its chart (decision 031): the PNG goes as the multipart file
 * `files[0]`, listed in `attachments`, and the first embed shows it (`attachment://<file>`); a quiet
 * digest, which has no embed, gets one holding only the picture.
 */
export function withChartAttachment(body: DiscordMessageBody, chart: DigestChart): BodyWithFile {
  const image = { url: `attachment://${chart.fileName}` };
  const [first, ...rest] = body.embeds ?? [];
  const embeds = first ? [{ ...first, image }, ...rest] : [{ color: DIGEST_COLOUR, image }];
  return {
    body: { ...body, embeds, attachments: [{ id: 0, filename: chart.fileName, description: chart.description.slice(0, DESCRIPTION_MAX) }] },
    files: [{ name: chart.fileName, data: chart.png, contentType: 'image/png' }],
  };
}
