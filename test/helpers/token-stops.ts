import { expect } from 'vitest';
import type { Store } from '../../src/store/ports.js';

/** Makes a database look as if migration 007 had not run yet (its table gone, its version unrecorded). */
export const UNAPPLY_007 = 'DROP TABLE platform_pauses; DELETE FROM schema_migrations WHERE version = 7';

const T0 = new Date('2024-01-19T12:00:00.000Z');

/**
 * Writes what the old rule left after refused tokens: subscriptions stopped with *_UNAUTHORIZED
 * (and Slack missing_scope) and their messages dropped, next to a channel that is really gone and
 * a message the platform rejected. Returns the subscription ids by name.
 */
export async function seedOldTokenStops(store: Store): Promise<Record<'discord' | 'scope' | 'gone', number>> {
  const sub = (platform: 'discord' | 'slack', channelId: string) =>
    store.subscribe({ platform, channelId, storyId: 'story-one', alerts: true, digestTime: null, timeZone: null }, T0);
  const [discord, scope, gone] = [await sub('discord', 'd1'), await sub('slack', 's1'), await sub('slack', 's2')];
  const at = (n: number) => new Date(T0.getTime() + n * 60_000);
  await store.enqueueDigests([
    { subscriptionId: discord.id, day: null, at: at(1) },
    { subscriptionId: discord.id, day: null, at: at(2) },
    { subscriptionId: discord.id, day: null, at: at(3) },
    { subscriptionId: scope.id, day: null, at: at(1) },
    { subscriptionId: gone.id, day: null, at: at(1) },
  ]);
  const rows = await store.listOutbox();
  const of = (id: number) => rows.filter((r) => r.subscriptionId === id).map((r) => r.id);
  const [d1, d2, d3] = of(discord.id) as [number, number, number];
  const unauthorized = 'DISCORD_UNAUTHORIZED: Discord rejected the token (401 0 401: Unauthorized); set a valid DISCORD_TOKEN';
  await store.recordDelivery(d1, { status: 'failed', lastError: 'DISCORD_REJECTED: Discord rejected the message (400)' });
  await store.recordDelivery(d2, { status: 'dropped', lastError: unauthorized });
  await store.recordDelivery(d3, { status: 'dropped', lastError: `subscription stopped: ${unauthorized}` });
  await store.stopSubscription(discord.id, unauthorized);
  const missingScope = 'SLACK_FORBIDDEN: the bot may not do this (missing_scope); check its scopes';
  await store.recordDelivery(of(scope.id)[0]!, { status: 'dropped', lastError: missingScope });
  await store.stopSubscription(scope.id, missingScope);
  const channelGone = 'SLACK_CHANNEL_GONE: channel s2 is gone for the bot (channel_not_found); stopping this channel';
  await store.recordDelivery(of(gone.id)[0]!, { status: 'dropped', lastError: channelGone });
  await store.stopSubscription(gone.id, channelGone);
  return { discord: discord.id, scope: scope.id, gone: gone.id };
}

/** After migration 007: token stops active again with their dropped messages pending, in order; the rest untouched. */
export async function expectTokenStopsRestored(store: Store, ids: Record<'discord' | 'scope' | 'gone', number>): Promise<void> {
  const subs = await store.listSubscriptions();
  expect(subs.map((s) => [s.id, s.status, s.stoppedReason?.split(':')[0] ?? null])).toEqual([
    [ids.discord, 'active', null],
    [ids.scope, 'active', null],
    [ids.gone, 'stopped', 'SLACK_CHANNEL_GONE'],
  ]);
  const outbox = await store.listOutbox();
  expect(outbox.map((r) => [r.subscriptionId, r.status])).toEqual([
    [ids.discord, 'failed'],
    [ids.discord, 'pending'],
    [ids.discord, 'pending'],
    [ids.scope, 'pending'],
    [ids.gone, 'dropped'],
  ]);
  expect(await store.listPlatformPauses()).toEqual([]);
}
