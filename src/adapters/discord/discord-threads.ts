import { DiscordAPIError, type REST } from '@discordjs/rest';
import { ChannelType, Routes, type APIChannel, type APIMessage, type APIThreadList } from 'discord-api-types/v10';
import type { DiscordMessageBody } from './render.js';

/** Discord's "a thread has already been created for this message". */
const THREAD_EXISTS = 160004;
/** How long a thread stays open without activity, in minutes (one day). */
const AUTO_ARCHIVE_MINUTES = 1440;

/** What the sender needs to know of a channel: whether it takes posts (forum, media) rather than messages, and its guild. */
export interface ChannelInfo {
  forum: boolean;
  guildId: string | null;
}

/** `GET /channels/{id}`, once per channel for the sender's lifetime (a channel's type does not change). */
export function channelInfoReader(rest: REST): (channelId: string) => Promise<ChannelInfo> {
  const known = new Map<string, ChannelInfo>();
  return async (channelId) => {
    const cached = known.get(channelId);
    if (cached) return cached;
    const channel = (await rest.get(Routes.channel(channelId))) as APIChannel & { guild_id?: string };
    const info = { forum: channel.type === ChannelType.GuildForum || channel.type === ChannelType.GuildMedia, guildId: channel.guild_id ?? null };
    known.set(channelId, info);
    return info;
  };
}

/**
 * Opens a thread on a sent message (`POST /channels/{id}/messages/{mid}/threads`); the thread's id is
 * the message's. A thread the message already has (an earlier attempt opened it) is fine.
 */
export async function openThread(rest: REST, channelId: string, messageId: string, name: string): Promise<void> {
  try {
    await rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: AUTO_ARCHIVE_MINUTES } });
  } catch (error) {
    if (!(error instanceof DiscordAPIError && error.code === THREAD_EXISTS)) throw error;
  }
}

/**
 * Posts an alert in a forum channel as a post named `name` (`POST /channels/{id}/threads`); returns
 * the thread's id, which is also its first message's. Forum posts take no nonce, so a post of that
 * name among the guild's active threads in this forum (an earlier attempt whose answer was lost) is
 * returned instead of posting twice.
 */
export async function postInForum(rest: REST, channelId: string, info: ChannelInfo, name: string, body: DiscordMessageBody): Promise<string> {
  if (info.guildId !== null) {
    const active = (await rest.get(Routes.guildActiveThreads(info.guildId))) as APIThreadList;
    const earlier = active.threads.find((t) => 'parent_id' in t && t.parent_id === channelId && t.name === name);
    if (earlier) return earlier.id;
  }
  const thread = (await rest.post(Routes.threads(channelId), { body: { name, auto_archive_duration: AUTO_ARCHIVE_MINUTES, message: body } })) as APIChannel & {
    message?: APIMessage;
  };
  return thread.id;
}
