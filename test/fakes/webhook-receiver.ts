import { createServer } from 'node:http';
import { verifyWebhook, WEBHOOK_HEADERS } from '../../src/core/webhook.js';
import { listenLocal } from './listen-local.js';

/** One POST the receiver got, with what its check of the signature said. */
export interface ReceivedDelivery {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  verified: boolean;
  /** A repeat of a delivery id already accepted (the receiver drops it, as the README tells receivers to). */
  repeat: boolean;
  status: number;
}

/** How the receiver answers the n-th request (0-based): a status, headers, a body. */
export type ReceiverScript = (n: number) => { status: number; headers?: Record<string, string>; body?: string };

/** A webhook receiver on 127.0.0.1 that checks signatures with `secret()` and dedupes by X-Storywatch-Delivery. */
export interface WebhookReceiver {
  url: string;
  /** Every request, in arrival order. */
  received: ReceivedDelivery[];
  /** The deliveries it accepted once each: verified, answered 2xx, not a repeat. */
  accepted(): ReceivedDelivery[];
  close(): Promise<void>;
}

/** Starts a receiver; `secret` is read per request (the test learns it after adding the target). */
export async function startWebhookReceiver(secret: () => string, script: ReceiverScript = () => ({ status: 204 })): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string): string => String(req.headers[name] ?? '');
      const verified = verifyWebhook(secret(), header(WEBHOOK_HEADERS.timestamp), body, header(WEBHOOK_HEADERS.signature), Math.floor(Date.now() / 1000));
      const answer = verified ? script(received.length) : { status: 401, body: 'bad signature' };
      const delivery = header(WEBHOOK_HEADERS.delivery);
      const ok = answer.status >= 200 && answer.status < 300;
      const repeat = ok && seen.has(delivery);
      if (ok) seen.add(delivery);
      received.push({ path: req.url ?? '', headers: req.headers, body, verified, repeat, status: answer.status });
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  const listener = await listenLocal(server);
  return {
    url: `${listener.origin}/hooks/storywatch?token=t0ps3cret`,
    received,
    accepted: () => received.filter((r) => r.verified && r.status >= 200 && r.status < 300 && !r.repeat),
    close: () => listener.close(),
  };
}
