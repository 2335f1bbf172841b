import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie the login form sets: an HMAC of the token, never the token itself. */
export const STATUS_COOKIE = 'storywatch_status';

/** Compares two secrets in constant time (their SHA-256 HMACs, so lengths do not leak either). */
export function sameSecret(given: string, expected: string): boolean {
  const mac = (v: string) => createHmac('sha256', 'storywatch-status-compare').update(v).digest();
  return timingSafeEqual(mac(given), mac(expected));
}

/** The cookie value that stands for `token`. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('storywatch status session v1').digest('base64url');
}

function cookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/** True when the request carries `Authorization: Bearer <token>` or the login cookie for it. */
export function isOperator(req: IncomingMessage, token: string): boolean {
  const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer !== undefined) return sameSecret(bearer.trim(), token);
  const session = cookie(req, STATUS_COOKIE);
  return session !== null && sameSecret(session, sessionValue(token));
}

/** Reads a small urlencoded form body (at most 4 KB). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 4096) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}
