import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../src/core/clock.js';
import type { Item } from '../src/core/item.js';
import { passSnapshot } from '../src/delivery/build-message.js';
import { EDIT_INTERVAL_MS } from '../src/delivery/dispatch.js';
import { prepareDelivery } from '../src/delivery/threads.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { DiscordServer } from './fakes/discord-server.js';
import type { SlackServer } from './fakes/slack-server.js';
import { startDeliveryRig, type DeliveryRig } from './helpers/delivery-rig.js';
import { bundledStory, seedItems } from './helpers/stories.js';

const DISCORD_CHANNEL = '112233445566778899';
const DISCORD_FORUM = '223344556677889900';
const SLACK_CHANNEL = 'C0STORYWATCH';
const ROLE = '334455667788990011';
const GROUP = 'S0STRIKES';
const T0 = new Date('2024-01-19T12:00:00Z');
/** The seeds in the order the dispatch tests use: the first brings D1–D4, the last the talks of 29 January (D5). */
const ORDER = ['000', '001', '003', '004', '002'];

describe('threads and pings against fake Discord and Slack (decision 024)', () => {
  const story = bundledStory('iran-pakistan-2024');
  let rig: DeliveryRig;
  let store: SqliteStore;
  let discord: DiscordServer;
  let slack: SlackServer;
  let clock: ManualClock;
  const senders = () => rig.senders();
  const dispatcher = () => rig.dispatcher();
  const seeds = (): (Item & { file: string })[] => seedItems().sort((a, b) => ORDER.indexOf(a.file.slice(0, 3)) - ORDER.indexOf(b.file.slice(0, 3)));
  const ingest = (item: Item) => rig.ingest(item);
  /** Every seed in turn, each followed by a dispatch pass after the edit interval (so parents' counts are edited too). */
  const replayAll = async (items = seeds()) => {
    const d = dispatcher();
    for (const item of items) {
      await ingest(item);
      clock.advance(EDIT_INTERVAL_MS + 1);
      await d.dispatchDue();
    }
    clock.advance(EDIT_INTERVAL_MS + 1);
    await d.dispatchDue();
  };

  beforeEach(async () => {
    rig = await startDeliveryRig(story, { discord: [DISCORD_CHANNEL], slack: [SLACK_CHANNEL] }, T0);
    ({ store, discord, slack, clock } = rig);
    discord.addForum(DISCORD_FORUM);
    const base = { storyId: story.config.id, alerts: true, digestTime: null, timeZone: null };
    const by = { at: T0, userId: 'U-admin' };
    const text = await store.subscribe({ ...base, platform: 'discord', channelId: DISCORD_CHANNEL }, T0);
    const forum = await store.subscribe({ ...base, platform: 'discord', channelId: DISCORD_FORUM }, T0);
    const channel = await store.subscribe({ ...base, platform: 'slack', channelId: SLACK_CHANNEL }, T0);
    await store.setAlertSettings(text.id, { threads: true, ping: { target: ROLE, kinds: ['military_strike'] } }, by);
    await store.setAlertSettings(forum.id, { threads: true, ping: null }, by);
    await store.setAlertSettings(channel.id, { threads: true, ping: { target: GROUP, kinds: ['military_strike'] } }, by);
  });
  afterEach(() => rig.close());

  it('opens a Discord thread per alert and posts the later sources inside it, editing the parent count', async () => {
    await replayAll();
    const alerts = discord.messages(DISCORD_CHANNEL);
    expect(alerts).toHaveLength(2);
    const threads = discord.threads(DISCORD_CHANNEL);
    expect(threads.map((t) => t.id)).toEqual(alerts.map((m) => m.id));
    expect(threads[0]?.name).toMatch(/^2024-01-1\d · /u);
    expect(threads[1]?.name).toMatch(/^2024-01-29 · /u);
    // The strike of 18 January was reported again by seed 004 (gold: its sources are 000 and 004).
    const replies = discord.messages(threads[0]?.id ?? '');
    expect(replies.length).toBeGreaterThanOrEqual(1);
    const later = replies.map((m) => JSON.stringify(m.embeds)).join('\n');
    expect(later).toContain('2024-01-18');
    expect(replies.every((m) => m.content.startsWith('**Another source**') || m.content.startsWith('**Correction**'))).toBe(true);
    expect(replies.every((m) => JSON.stringify(m.allowed_mentions) === '{"parse":[]}' && m.mention_roles.length === 0)).toBe(true);
    expect(discord.messages(threads[1]?.id ?? '')).toEqual([]);
    // The parent shows the new count, edited in place as without threads.
    expect(alerts[0]?.edited_timestamp).not.toBeNull();
    expect(JSON.stringify(alerts[0]?.embeds)).toContain('also reported by');
    // Each reply went out once: one sent outbox row per reply posted.
    const rows = (await store.listOutbox()).filter((r) => r.kind === 'thread' && r.subscriptionId === 1);
    expect(rows.map((r) => r.status)).toEqual(replies.map(() => 'sent'));
    expect(rows.map((r) => r.messageId)).toEqual(replies.map((m) => m.id));
  });

  it("writes thread replies in the subscription's language: French on Discord, Arabic on Slack", async () => {
    const base = { storyId: story.config.id, alerts: true, digestTime: null, timeZone: null };
    const fr = await store.subscribe({ ...base, platform: 'discord', channelId: DISCORD_CHANNEL, language: 'fr' }, T0);
    const ar = await store.subscribe({ ...base, platform: 'slack', channelId: SLACK_CHANNEL, language: 'ar' }, T0);
    expect([fr.id, fr.language, ar.id, ar.language]).toEqual([1, 'fr', 3, 'ar']);
    await replayAll();
    const replies = discord.messages(discord.threads(DISCORD_CHANNEL)[0]?.id ?? '');
    expect(replies.length).toBeGreaterThanOrEqual(1);
    expect(replies.every((m) => /^\*\*(Autre source|Correction)\*\* /u.test(m.content))).toBe(true);
    const fields = JSON.stringify(replies.map((m) => m.embeds));
    expect(fields).toContain('18 janv. 2024 · frappe militaire');
    expect(fields).toMatch(/"text":"Langue: (vietnamien|anglais|chinois|arabe)"/u);
    const top = slack.messages(SLACK_CHANNEL).filter((m) => m.thread_ts === undefined);
    const slackReplies = slack.replies(SLACK_CHANNEL, top[0]?.ts ?? '');
    expect(slackReplies.length).toBe(replies.length);
    expect(slackReplies.every((m) => /^(مصدر آخر|تصحيح): /u.test(m.text ?? ''))).toBe(true);
    expect(JSON.stringify(slackReplies.map((m) => m.blocks))).toContain('ضربة عسكرية');
  });

  it('posts each alert as a forum post in a forum channel, with its later sources in the post', async () => {
    await replayAll();
    expect(discord.messages(DISCORD_FORUM)).toEqual([]);
    const posts = discord.threads(DISCORD_FORUM);
    expect(posts).toHaveLength(2);
    const [first] = discord.messages(posts[0]?.id ?? '');
    expect(first?.id).toBe(posts[0]?.id);
    expect(first?.content).toContain('**New development**');
    expect(first?.edited_timestamp).not.toBeNull();
    const inPost = discord.messages(posts[0]?.id ?? '').slice(1);
    expect(inPost.length).toBe(discord.messages(discord.threads(DISCORD_CHANNEL)[0]?.id ?? '').length);
    expect(inPost.every((m) => m.content.startsWith('**Another source**') || m.content.startsWith('**Correction**'))).toBe(true);
  });

  it('replies in the Slack thread of each alert (thread_ts = alert ts), never in the channel', async () => {
    await replayAll();
    const top = slack.messages(SLACK_CHANNEL).filter((m) => m.thread_ts === undefined);
    expect(top).toHaveLength(2);
    const replies = slack.replies(SLACK_CHANNEL, top[0]?.ts ?? '');
    expect(replies.length).toBe(discord.messages(discord.threads(DISCORD_CHANNEL)[0]?.id ?? '').length);
    expect(replies.map((m) => m.text).join('\n')).toMatch(/Another source|Correction/u);
    expect(JSON.stringify(replies.map((m) => m.blocks))).toContain('2024-01-18');
    expect(replies.every((m) => m.pings.length === 0)).toBe(true);
    expect(slack.replies(SLACK_CHANNEL, top[1]?.ts ?? '')).toEqual([]);
    expect(top[0]?.edited).toBeDefined();
  });

  it('pings the role and the user group on the strikes alert and not on the talks alert', async () => {
    await replayAll();
    const [strikes, talks] = discord.messages(DISCORD_CHANNEL);
    expect(strikes?.content.startsWith(`<@&${ROLE}> **New development**`)).toBe(true);
    expect(strikes?.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    expect(strikes?.mention_roles).toEqual([ROLE]);
    expect(talks?.allowed_mentions).toEqual({ parse: [] });
    expect(talks?.mention_roles).toEqual([]);
    expect(talks?.content).not.toContain('<@&');
    // The forum subscription chose no ping.
    expect(
      discord
        .threads(DISCORD_FORUM)
        .flatMap((t) => discord.messages(t.id))
        .every((m) => m.mention_roles.length === 0),
    ).toBe(true);
    const [slackStrikes, slackTalks] = slack.messages(SLACK_CHANNEL).filter((m) => m.thread_ts === undefined);
    expect(slackStrikes?.pings).toEqual([`!subteam^${GROUP}`, `!subteam^${GROUP}`]);
    expect(slackTalks?.pings).toEqual([]);
  });

  it('never pings from feed text: "@everyone", "<!channel>" and a role mention in an item stay text', async () => {
    const [first, ...rest] = seeds();
    const hostile = { ...first!, title: `@everyone <!channel> <@&${'9'.repeat(18)}> @here ${first!.title}`, contentHash: 'hostile' };
    await replayAll([hostile, ...rest]);
    const all = [...discord.messages(DISCORD_CHANNEL), ...discord.threads(DISCORD_CHANNEL).flatMap((t) => discord.messages(t.id))];
    expect(JSON.stringify(all)).toContain('@\u200beveryone');
    expect(all.every((m) => !m.mention_everyone)).toBe(true);
    expect(all.flatMap((m) => m.mention_roles)).toEqual([ROLE]);
    const slackAll = slack.messages(SLACK_CHANNEL);
    expect(JSON.stringify(slackAll.map((m) => m.blocks))).toContain('&lt;!channel&gt;');
    expect(slackAll.flatMap((m) => m.pings)).toEqual([`!subteam^${GROUP}`, `!subteam^${GROUP}`]);
  });

  it('does not post a forum post twice when its answer was lost, and opens a late thread on the first reply', async () => {
    const items = seeds();
    // The forum post is created, but its answer never comes: the sender times out and the row is retried.
    discord.inject({ kind: 'lost-response' }, { onPath: `/channels/${DISCORD_FORUM}/threads` });
    const text = (await store.listSubscriptions()).find((s) => s.channelId === DISCORD_CHANNEL)!;
    await store.setAlertSettings(text.id, { threads: false, ping: null }, { at: T0, userId: 'U-admin' });
    const d = dispatcher();
    await ingest(items[0]!);
    await d.dispatchDue();
    clock.advance(60_000);
    await d.dispatchDue();
    expect(discord.threads(DISCORD_FORUM)).toHaveLength(1);
    expect((await store.listOutbox()).filter((r) => r.subscriptionId === 2).map((r) => [r.status, r.messageId])).toEqual([
      ['sent', discord.threads(DISCORD_FORUM)[0]?.id],
    ]);
    // The text channel turned threads on after its alert went out: the first later source opens the thread.
    expect(discord.threads(DISCORD_CHANNEL)).toEqual([]);
    await store.setAlertSettings(text.id, { threads: true, ping: null }, { at: T0, userId: 'U-admin' });
    await ingest(items[3]!);
    for (let pass = 0; pass < 3; pass += 1) await d.dispatchDue();
    const [thread] = discord.threads(DISCORD_CHANNEL);
    expect(thread?.id).toBe(discord.messages(DISCORD_CHANNEL)[0]?.id);
    expect(discord.messages(thread?.id ?? '').length).toBeGreaterThanOrEqual(1);
  });

  it('does not post a thread reply twice after a crash between sending it and recording it', async () => {
    const items = seeds();
    const d = dispatcher();
    await ingest(items[0]!);
    await d.dispatchDue();
    for (const item of items.slice(1, 4)) await ingest(item);
    const replies = (await store.listOutbox()).filter((r) => r.kind === 'thread' && r.status === 'pending');
    // Seeds 001, 003 and 004 add sources to the first alert's developments: several replies per channel.
    expect(replies.length).toBeGreaterThanOrEqual(6);
    // A dispatcher sends every reply, then dies before recording any of them.
    const crashed = senders();
    for (const row of replies) {
      const sub = await store.getSubscription(row.subscriptionId);
      const delivery = await prepareDelivery(store, passSnapshot(store), story.config, sub!, row);
      if (!('reply' in delivery)) throw new Error(`row ${row.id}: ${JSON.stringify(delivery)}`);
      expect((await crashed[sub!.platform as 'discord' | 'slack'].reply!(sub!.channelId, delivery.parentId, delivery.reply, row.key)).ok).toBe(true);
    }
    const posted = () => ({
      text: discord.messages(discord.threads(DISCORD_CHANNEL)[0]?.id ?? '').length,
      forum: discord.messages(discord.threads(DISCORD_FORUM)[0]?.id ?? '').length - 1,
      slack: slack.replies(SLACK_CHANNEL, slack.messages(SLACK_CHANNEL)[0]?.ts ?? '').length,
    });
    const before = posted();
    expect(before.text + before.forum + before.slack).toBe(replies.length);
    // The restarted process sends them again: the nonce (Discord) and the thread's replies (Slack) find them.
    const restarted = dispatcher();
    let sent = 0;
    for (let pass = 0; pass < replies.length + 1; pass += 1) sent += (await restarted.dispatchDue()).sent;
    expect(sent).toBe(replies.length);
    expect(posted()).toEqual(before);
    expect((await store.listOutbox()).filter((r) => r.kind === 'thread').every((r) => r.status === 'sent')).toBe(true);
  });
});
