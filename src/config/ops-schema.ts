import { z } from 'zod';
import { channelIdProblem } from '../core/channel-id.js';
import { DEFAULT_OPS, type OpsSettings, type OpsTarget } from '../core/ops.js';
import { err, ok, type Result } from '../core/result.js';
import type { Platform } from '../core/subscription.js';

const platform = z.enum(['discord', 'slack'], { message: 'expected discord or slack' });

/** One ops channel: a platform and a channel id it could have. */
const opsChannel = z
  .strictObject({ platform, channel: z.string({ message: 'expected a channel id (in quotes)' }).min(1) })
  .superRefine((c, ctx) => {
    const problem = channelIdProblem(c.platform, c.channel);
    if (problem) ctx.addIssue({ code: 'custom', path: ['channel'], message: problem });
  });

/** At most one ops channel per platform. */
function onePerPlatform(channels: readonly { platform: Platform }[], ctx: z.RefinementCtx, path: string[]): void {
  const platforms = channels.map((c) => c.platform);
  const twice = platforms.find((p, i) => platforms.indexOf(p) !== i);
  if (twice) ctx.addIssue({ code: 'custom', path, message: `one ops channel per platform; ${twice} is given twice` });
}

/**
 * storywatch.yml `ops`: where operators hear about trouble, `{ platform, channel }` or
 * `channels: [{ platform, channel }, …]` (one per platform), and when: `feedFailures` (a feed failing
 * that many times in a row, default 3) and `backlogLimit` (pending messages on one platform, default 500).
 */
export const opsSectionSchema = z
  .strictObject({
    platform: platform.optional(),
    channel: z.string({ message: 'expected a channel id (in quotes)' }).min(1).optional(),
    channels: z.array(opsChannel).optional(),
    feedFailures: z.int().min(1).max(1000).default(DEFAULT_OPS.feedFailures),
    backlogLimit: z.int().min(1).max(10_000_000).default(DEFAULT_OPS.backlogLimit),
  })
  .superRefine((o, ctx) => {
    const single = o.platform !== undefined || o.channel !== undefined;
    if (single && o.channels) ctx.addIssue({ code: 'custom', path: ['channels'], message: 'give either platform and channel, or channels, not both' });
    if (single && (o.platform === undefined || o.channel === undefined))
      ctx.addIssue({ code: 'custom', path: [o.platform === undefined ? 'platform' : 'channel'], message: 'platform and channel go together' });
    if (o.platform && o.channel) {
      const problem = channelIdProblem(o.platform, o.channel);
      if (problem) ctx.addIssue({ code: 'custom', path: ['channel'], message: problem });
    }
    if (o.channels) onePerPlatform(o.channels, ctx, ['channels']);
  })
  .optional();

/** The ops section as read from storywatch.yml. */
export type OpsSection = z.output<typeof opsSectionSchema>;

/**
 * The ops settings: storywatch.yml's section, its channels replaced by STORYWATCH_OPS_CHANNELS
 * (`discord:123…,slack:C0OPS`) when that is set. Fails with CONFIG_INVALID naming the bad entry.
 */
export function resolveOps(section: OpsSection, envChannels: string | undefined): Result<OpsSettings> {
  const fromFile: OpsTarget[] = section?.channels
    ? section.channels.map((c) => ({ platform: c.platform, channelId: c.channel }))
    : section?.platform && section.channel
      ? [{ platform: section.platform, channelId: section.channel }]
      : [];
  const targets = envChannels === undefined || envChannels.trim() === '' ? ok(fromFile) : parseEnvChannels(envChannels);
  if (!targets.ok) return targets;
  return ok({
    targets: targets.value,
    feedFailures: section?.feedFailures ?? DEFAULT_OPS.feedFailures,
    backlogLimit: section?.backlogLimit ?? DEFAULT_OPS.backlogLimit,
  });
}

function parseEnvChannels(text: string): Result<OpsTarget[]> {
  const targets: OpsTarget[] = [];
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [name = '', channelId = ''] = entry.split(':');
    const parsed = platform.safeParse(name);
    const problem = parsed.success ? channelIdProblem(parsed.data, channelId) : 'expected platform:channel, e.g. discord:123456789012345678 or slack:C0OPS';
    if (!parsed.success || problem) return err('CONFIG_INVALID', `environment: STORYWATCH_OPS_CHANNELS: "${entry}": ${problem}`);
    if (targets.some((t) => t.platform === parsed.data))
      return err('CONFIG_INVALID', `environment: STORYWATCH_OPS_CHANNELS: one ops channel per platform; ${parsed.data} is given twice`);
    targets.push({ platform: parsed.data, channelId });
  }
  return ok(targets);
}
