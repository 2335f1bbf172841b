import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandServices } from '../commands/command.js';
import { createDiscordInteractionHandler } from '../src/adapters/discord/commands/interactions.js';
import { createSlackCommandsApp } from '../src/adapters/slack/commands/app.js';
import { createLogger } from '../src/core/logger.js';
import {
  createInteractionSigner,
  startInteractionApi,
  startInteractionEndpoint,
  type InteractionApi,
  type InteractionEndpoint,
} from './fakes/discord-interactions.js';
import { slashCommandForm, slackSignature, startResponseUrlServer, type ResponseUrlServer } from './fakes/slack-commands-fake.js';
import { seededServices } from './helpers/services.js';

/**
 * Regression tests for the signature checks of issue 11 that already held: forged, replayed and
 * oversized requests to the Discord interactions endpoint and to Slack's /slack/events are refused
 * before any command runs. "No command ran" is checked by counting every call to the store.
 */

const MB = 1024 * 1024;
const SECRET = 'security-test-signing-secret';

/** The services with a store that counts its calls: any command that ran touched it. */
function counted(services: CommandServices): { services: CommandServices; calls: () => number } {
  let calls = 0;
  const store = new Proxy(services.store, {
    get: (target, prop) => {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => ((calls += 1), (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  return { services: { ...services, store }, calls: () => calls };
}

/** What came back for a raw POST: the status, or the socket error when the server cut the upload short. */
interface RawAnswer {
  status: number | null;
  error: string | null;
}

/**
 * POSTs `size` bytes of `fill` in 64 KB writes, with a Content-Length header or chunked, and stops
 * writing as soon as the server answers or hangs up.
 */
function postLarge(url: string, headers: Record<string, string>, size: number, withLength: boolean, fill = 'a'): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, fill);
    let left = size;
    let done = false;
    const finish = (answer: RawAnswer): void => {
      if (done) return;
      done = true;
      req.destroy();
      resolve(answer);
    };
    const req = http.request(url, { method: 'POST', headers: { ...headers, ...(withLength ? { 'content-length': String(size) } : {}) } });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => finish({ status: res.statusCode ?? null, error: null }));
      res.on('error', () => finish({ status: res.statusCode ?? null, error: null }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => finish({ status: null, error: error.code ?? error.message }));
    const pump = (): void => {
      while (left > 0 && !done) {
        const piece = chunk.subarray(0, Math.min(left, chunk.length));
        left -= piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

/** A refusal: the server answered `status`, or hung up on the upload before it could. */
function expectRefused(answer: RawAnswer, status: number): void {
  if (answer.status === null) expect(answer.error).toMatch(/ECONNRESET|EPIPE/u);
  else expect(answer.status).toBe(status);
}

describe('Discord interactions endpoint (Ed25519)', () => {
  const signer = createInteractionSigner();
  let api: InteractionApi;
  let endpoint: InteractionEndpoint;
  let calls: () => number;
  let close: () => Promise<void>;
  const now = (): number => Math.floor(Date.now() / 1000);
  const command = JSON.stringify({
    type: 2,
    id: '1',
    application_id: '111111111111111111',
    token: 'tok',
    channel_id: '222222222222222222',
    member: { permissions: '8', user: { id: '333333333333333333' } },
    data: { name: 'timeline', type: 1 },
  });

  beforeAll(async () => {
    const seeded = await seededServices();
    close = seeded.close;
    const store = counted(seeded.services);
    calls = store.calls;
    api = await startInteractionApi();
    endpoint = await startInteractionEndpoint(
      createDiscordInteractionHandler({
        publicKey: signer.publicKey,
        apiUrl: api.apiUrl,
        applicationId: api.applicationId,
        services: store.services,
        logger: createLogger('silent'),
      }),
    );
  });
  afterAll(async () => {
    await Promise.all([endpoint.close(), api.close()]);
    await close();
  });

  it('runs a correctly signed command (the control)', async () => {
    const before = calls();
    expect((await endpoint.post(command, signer.headers(command))).status).toBe(200);
    expect(calls()).toBeGreaterThan(before);
  });

  it('refuses forged and replayed signatures with 401 and runs nothing', async () => {
    const signed = signer.headers(command);
    const old = signer.headers(command, now() - 3600);
    const refused: Record<string, string>[] = [
      // A signature from another key, or for another body.
      createInteractionSigner().headers(command),
      { ...signed, 'x-signature-ed25519': signer.headers(command.replace('timeline', 'subscribe'))['x-signature-ed25519'] as string },
      // An hour-old request replayed with a fresh timestamp, and as it was.
      { ...old, 'x-signature-timestamp': String(now()) },
      old,
      // Malformed: truncated, not hex, upper-case hex of a flipped bit, wrong lengths, an empty or a fractional timestamp.
      { ...signed, 'x-signature-ed25519': (signed['x-signature-ed25519'] as string).slice(0, 126) },
      { ...signed, 'x-signature-ed25519': 'zz'.repeat(64) },
      { ...signed, 'x-signature-ed25519': flipLastBit(signed['x-signature-ed25519'] as string).toUpperCase() },
      { ...signed, 'x-signature-ed25519': `${signed['x-signature-ed25519'] as string}00` },
      { ...signed, 'x-signature-timestamp': '' },
      { ...signed, 'x-signature-timestamp': `${signed['x-signature-timestamp'] as string}.0` },
    ];
    const before = calls();
    for (const headers of refused) expect((await endpoint.post(command, headers)).status).toBe(401);
    expect(calls()).toBe(before);
  });

  it.each([true, false])('refuses a 10 MB body (Content-Length sent: %s) with 413 before checking or running anything', async (withLength) => {
    const before = calls();
    const answer = await postLarge(endpoint.url, { 'content-type': 'application/json', ...signer.headers('x') }, 10 * MB, withLength);
    expectRefused(answer, 413);
    expect(calls()).toBe(before);
    // The endpoint still answers.
    expect((await endpoint.post(command, signer.headers(command))).status).toBe(200);
  });
});

/** Flips the lowest bit of a hex string's last digit. */
function flipLastBit(hex: string): string {
  const last = parseInt(hex.slice(-1), 16) ^ 1;
  return hex.slice(0, -1) + last.toString(16);
}

describe('Slack /slack/events (v0 signing secret)', () => {
  let server: http.Server;
  let hooks: ResponseUrlServer;
  let url: string;
  let calls: () => number;
  let close: () => Promise<void>;
  const now = (): number => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    const seeded = await seededServices();
    close = seeded.close;
    const store = counted(seeded.services);
    calls = store.calls;
    hooks = await startResponseUrlServer();
    const slack = createSlackCommandsApp({
      mode: 'http',
      signingSecret: SECRET,
      botToken: 'xoxb-not-used',
      services: store.services,
      adminUserIds: [],
      logger: createLogger('silent'),
      ackWithinMs: 1000,
    });
    if (slack.mode !== 'http') throw new Error('expected HTTP mode');
    server = http.createServer(slack.requestListener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await hooks.close();
    await close();
  });

  const form = (): string => slashCommandForm({ command: '/timeline', text: '', userId: 'U0READER', channelId: 'C0NEWS', responseUrl: hooks.hook() });
  const post = async (body: string, headers: Record<string, string>): Promise<number> =>
    (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body })).status;

  it('runs a correctly signed command (the control)', async () => {
    const body = form();
    const before = calls();
    expect(await post(body, slackSignature(SECRET, body, now()))).toBe(200);
    expect(calls()).toBeGreaterThan(before);
  });

  it('refuses forged and replayed signatures with 401 and runs nothing', async () => {
    const body = form();
    const signed = slackSignature(SECRET, body, now());
    const old = slackSignature(SECRET, body, now() - 3600);
    const hex = (signed['x-slack-signature'] as string).slice(3);
    const refused: Record<string, string>[] = [
      // Another secret, another body, another version, a bare HMAC without "v0=".
      slackSignature('not-the-secret', body, now()),
      { ...signed, 'x-slack-signature': slackSignature(SECRET, body.replace('timeline', 'subscribe'), now())['x-slack-signature'] as string },
      { ...signed, 'x-slack-signature': `v1=${hex}` },
      { ...signed, 'x-slack-signature': hex },
      // An hour-old request as it was, and with its timestamp refreshed.
      old,
      { ...old, 'x-slack-request-timestamp': String(now()) },
      // Truncated, flipped, non-numeric timestamp.
      { ...signed, 'x-slack-signature': (signed['x-slack-signature'] as string).slice(0, -2) },
      { ...signed, 'x-slack-signature': `v0=${flipLastBit(hex)}` },
      { ...signed, 'x-slack-request-timestamp': 'soon' },
      // The timestamp signed over a different HMAC input: the signature of "v0:<ts>:" without the body.
      {
        ...signed,
        'x-slack-signature': `v0=${createHmac('sha256', SECRET)
          .update(`v0:${signed['x-slack-request-timestamp'] as string}:`)
          .digest('hex')}`,
      },
    ];
    const before = calls();
    for (const headers of refused) expect(await post(body, headers)).toBe(401);
    expect(calls()).toBe(before);
  });

  it.each([true, false])('refuses a 10 MB body (Content-Length sent: %s) and runs nothing', async (withLength) => {
    const before = calls();
    const answer = await postLarge(url, { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(SECRET, 'x', now()) }, 10 * MB, withLength);
    expectRefused(answer, 413);
    expect(calls()).toBe(before);
    const body = form();
    expect(await post(body, slackSignature(SECRET, body, now()))).toBe(200);
  });
});
