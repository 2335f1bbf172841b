import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { BlockedAddressError, guardedLookup, nonPublicHost } from '../../pipeline/fetch/address-guard.js';

/** How a POST may go: its deadline, and whether private addresses may be reached (tests, the demo). */
export interface PostLimits {
  timeoutMs: number;
  allowPrivateNetworks: boolean;
  userAgent: string;
}

/** What came back: the status and headers, and the start of the body (for the reason of a refusal). */
export type PostOutcome =
  | { kind: 'answered'; status: number; statusText: string; headers: IncomingHttpHeaders; bodyStart: string }
  | { kind: 'blocked'; address: string }
  | { kind: 'timeout' }
  | { kind: 'network'; detail: string };

/** The body read from an answer at most (the reason of a refusal; the rest is discarded). */
const BODY_START = 300;

/**
 * POSTs `body` to `url` once, following no redirect, through the feed fetcher's address guard
 * unless private networks are allowed: a literal non-public host is refused before any traffic, a
 * name at connect time (the checked address is the one connected to).
 */
export function postJson(url: URL, headers: Record<string, string>, body: string, limits: PostLimits): Promise<PostOutcome> {
  const blocked = limits.allowPrivateNetworks ? null : nonPublicHost(url);
  if (blocked) return Promise.resolve({ kind: 'blocked', address: blocked });
  return new Promise((resolve) => {
    const transport = url.protocol === 'https:' ? https : http;
    const payload = Buffer.from(body, 'utf8');
    const req = transport.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length), 'user-agent': limits.userAgent },
      agent: false,
      ...(limits.allowPrivateNetworks ? {} : { lookup: guardedLookup }),
    });
    let settled = false;
    // Once the status line is in, a slow body no longer makes it a timeout: the answer stands.
    let answered: Extract<PostOutcome, { kind: 'answered' }> | null = null;
    const finish = (outcome: PostOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish(answered ?? { kind: 'timeout' }), limits.timeoutMs);
    req.on('error', (error) => {
      if (error instanceof BlockedAddressError) return finish({ kind: 'blocked', address: error.message });
      const code = (error as NodeJS.ErrnoException).code;
      finish({ kind: 'network', detail: code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message });
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const reply = {
        kind: 'answered' as const,
        status,
        statusText: res.statusMessage || (http.STATUS_CODES[status] ?? ''),
        headers: res.headers,
        bodyStart: '',
      };
      answered = reply;
      // A 2xx is delivered whatever its body; only a refusal's body is read, for its reason.
      if (status >= 200 && status < 300) return finish(reply);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        reply.bodyStart += chunk;
        if (reply.bodyStart.length >= BODY_START) finish({ ...reply, bodyStart: reply.bodyStart.slice(0, BODY_START) });
      });
      res.on('end', () => finish(reply));
      res.on('error', () => finish(reply));
    });
    req.end(payload);
  });
}
