import type { DevelopmentView as MessageDevelopment, OutboundMessage } from '../../delivery/message.js';
import type { DevelopmentView as StoryDevelopment } from '../../queries/story-developments.js';
import { developmentId } from '../../queries/timeline.js';

/** The event a delivery carries, also in the `X-Storywatch-Event` header. */
export type WebhookEvent = 'alert.created' | 'digest';

/** One development in a payload: what the story's JSON API shows, every source spelled out. */
export interface WebhookDevelopment {
  /** The timeline's id, as in `/api/stories/<id>/timeline` and the commands ("D3"). */
  id: string;
  date: string;
  kind: string;
  kindLabel: string;
  actors: string[];
  /** English one-line label. */
  label: string;
  /** Feed text: the receiver must treat it as untrusted. */
  summary: string;
  summaryLanguage: string;
  languages: string[];
  sources: { outlet: string; language: string; title: string; link: string | null; published: string | null }[];
}

/** The JSON body of one delivery (version 1). */
export interface WebhookPayload {
  version: 1;
  event: WebhookEvent;
  /** The idempotency key, also in `X-Storywatch-Delivery`: the same for every attempt of this delivery. */
  delivery: string;
  story: { id: string; title: string };
  alert?: {
    /** New developments, newest first. */
    developments: WebhookDevelopment[];
    /** Older developments the source mentions. */
    context: WebhookDevelopment[];
    /** The item that brought the alert. */
    source: { outlet: string; language: string; title: string; link: string | null; published: string | null };
    /** What readers' labels decided (withdrawn: not this story; dateDisputed: wrong date). */
    feedback?: { withdrawn: boolean; dateDisputed: boolean };
  };
  digest?: {
    day: string;
    timeZone: string;
    /** Developments recorded since the subscription's last digest, in date order. */
    developments: WebhookDevelopment[];
    latest: WebhookDevelopment | null;
  };
}

/** The payload's view of a development; its sources come from the story's read model, else only the first link. */
function development(d: MessageDevelopment, withSources: Map<string, StoryDevelopment>): WebhookDevelopment {
  const id = developmentId(d.id);
  const full = withSources.get(id);
  const sources = full
    ? full.sources.map((s) => ({ outlet: s.outlet, language: s.language, title: s.title, link: s.link, published: s.published?.toISOString() ?? null }))
    : [];
  return {
    id,
    date: d.date,
    kind: d.kind,
    kindLabel: d.kindLabel,
    actors: d.actors,
    label: d.label,
    summary: d.summary,
    summaryLanguage: d.summaryLang,
    languages: d.languages,
    sources,
  };
}

/**
 * The payload of an alert or a digest, keyed by `delivery`; `developments` is the story's read
 * model (with every source). Null for a message webhooks do not carry (ops notices).
 */
export function webhookPayload(message: OutboundMessage, delivery: string, developments: readonly StoryDevelopment[]): WebhookPayload | null {
  if (message.type === 'notice') return null;
  const byId = new Map(developments.map((d) => [d.id, d]));
  const story = { id: message.storyId, title: message.storyTitle };
  const list = (ds: MessageDevelopment[]): WebhookDevelopment[] => ds.map((d) => development(d, byId));
  if (message.type === 'digest') {
    return {
      version: 1,
      event: 'digest',
      delivery,
      story,
      digest: {
        day: message.day,
        timeZone: message.timeZone,
        developments: list(message.developments),
        latest: message.latest ? development(message.latest, byId) : null,
      },
    };
  }
  const { source } = message;
  return {
    version: 1,
    event: 'alert.created',
    delivery,
    story,
    alert: {
      developments: list(message.developments),
      context: list(message.context),
      source: { outlet: source.feedName, language: source.lang, title: source.title, link: source.link, published: source.published },
      ...(message.feedback ? { feedback: message.feedback } : {}),
    },
  };
}
