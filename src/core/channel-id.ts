import type { Platform } from './subscription.js';

/**
 * What is wrong with a channel id for its platform, or null when it looks like one: Discord
 * channel ids are snowflakes (17–20 digits); Slack ids are C, G or D and at least five capital
 * letters or digits. Catches a channel name (`#general`) given for an id.
 */
export function channelIdProblem(platform: Platform, channelId: string): string | null {
  if (platform === 'discord') return /^\d{17,20}$/u.test(channelId) ? null : 'a Discord channel id is a number of 17–20 digits';
  return /^[CGD][A-Z0-9]{5,}$/u.test(channelId) ? null : 'a Slack channel id looks like C0123ABCDEF';
}
