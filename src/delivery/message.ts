import type { NoticeKind } from '../core/ops.js';
import type { EventKind } from '../core/event-kinds.js';
import type { Result } from '../core/result.js';
import type { SentMessage } from '../core/subscription.js';

/** A development of a story as a message shows it. All text from feeds is untrusted. */
export interface DevelopmentView {
  id: number;
  /** The day it happened, YYYY-MM-DD. */
  date: string;
  kind: EventKind;
  /** Label of the kind in the message's language ("military strike", "frappe militaire"). */
  kindLabel: string;
  /** Actor names in the message's language, from the story config or ICU ("Kenya", "Somalie"). */
  actors: string[];
  /** One-line label in the message's language ("military strike: Kenya → Somalia"). */
  label: string;
  /** The quoted sentence, from a source in the message's language when one has it, else with its language named (feed text: untrusted). */
  summary: string;
  summaryLang: string;
  /** Link of the first source (feed text: untrusted). */
  link: string | null;
  /** Sources (items) and their languages so far. */
  sourceCount: number;
  languages: string[];
}

/** The item that brought an alert. */
export interface SourceView {
  title: string;
  link: string | null;
  lang: string;
  published: string | null;
  feedName: string;
}

/** What three readers' labels decided about an alert: withdrawn (not this story), or its date disputed. */
export interface AlertFeedbackView {
  withdrawn: boolean;
  dateDisputed: boolean;
}

/** A platform-neutral outbound message; adapters render it for Discord, Slack or the console. */
export type OutboundMessage =
  | {
      type: 'alert';
      /** The channel's language (a catalog language, decision 023); absent: English. */
      language?: string;
      storyId: string;
      storyTitle: string;
      /** The new development(s) this alert announces, newest first. */
      developments: DevelopmentView[];
      /** Older developments the item mentions, as background. */
      context: DevelopmentView[];
      source: SourceView;
      /** The stored alert: its buttons ("not this story", "wrong date") name it. Absent: no buttons. */
      alertId?: number;
      /** What readers' labels decided (decision 027); absent while nothing was. */
      feedback?: AlertFeedbackView;
      /** The alert opens a thread of this name (decision 024); absent: no thread. */
      thread?: { name: string };
      /** The platform id of the role or user group the alert mentions (from the subscription's settings only). */
      mention?: string;
    }
  | {
      type: 'digest';
      /** The channel's language (a catalog language, decision 023); absent: English. */
      language?: string;
      storyId: string;
      storyTitle: string;
      /** The local day the digest is for (YYYY-MM-DD) and its IANA time zone. */
      day: string;
      timeZone: string;
      /** Developments since the channel's last digest, in date order. */
      developments: DevelopmentView[];
      /** The latest development overall, for the "no new developments" line. */
      latest: DevelopmentView | null;
      /** The story's sources-per-day chart as a PNG (decision 031); absent when it could not be drawn. */
      chart?: DigestChart;
    }
  | {
      /** A notice for the operators (decision 026): a failing feed, a stopped subscription, a backlog. */
      type: 'notice';
      kind: NoticeKind;
      title: string;
      /** Plain text; feed names, URLs and error messages among them are escaped by the adapters. */
      lines: string[];
    };

/** A digest's picture (decision 031): the PNG, its file name and a text alternative. */
export interface DigestChart {
  png: Uint8Array;
  /** File name of the attachment, e.g. `sources.png`. */
  fileName: string;
  /** What the picture shows, for readers who cannot see it (alt text). */
  description: string;
  /** Called by an adapter whose upload of the picture failed; the digest text goes out all the same. */
  uploadFailed(reason: string): void;
}

/** A later source of developments an alert announced, posted as a reply in that alert's thread (decision 024). */
export interface ThreadReply {
  /** The channel's language (decision 023): the catalog the reply's words come from. */
  language?: string;
  storyId: string;
  storyTitle: string;
  /** The thread's name, should the reply have to open it (threads turned on after the alert went out). */
  threadName: string;
  /** The thread's developments this source reports, as they stand now. */
  developments: DevelopmentView[];
  source: SourceView;
  /** The source became the first report of a development, which changed (kind, date or sides) with it. */
  correction: boolean;
}

/** Where a message goes: a platform and a channel id there. */
export interface ChannelRef {
  platform: 'discord' | 'slack' | 'console' | 'webhook';
  channelId: string;
}

/**
 * The sending port. `key` is the outbox row's idempotency key: adapters use it so that a resend
 * after a crash does not post twice (Discord: `nonce` + `enforce_nonce`; Slack: a marker looked up
 * in recent channel history). Errors are values: `retryAfterMs` on rate limits, `permanent` when the
 * channel is gone or the token revoked.
 */
export interface Sender {
  readonly platform: ChannelRef['platform'];
  send(channelId: string, message: OutboundMessage, key: string): Promise<Result<SentMessage>>;
  /** Edits a sent alert (e.g. a new source count). */
  update(channelId: string, messageId: string, message: OutboundMessage): Promise<Result<void>>;
  /**
   * Posts a reply in the thread of the sent alert `parentId` (decision 024), once per `key` as `send`
   * does; absent on platforms without threads.
   */
  reply?(channelId: string, parentId: string, reply: ThreadReply, key: string): Promise<Result<SentMessage>>;
}
