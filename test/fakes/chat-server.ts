import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { listenLocal } from './listen-local.js';

/** A fault a fake chat server injects into the next requests instead of answering normally. */
export type Fault =
  /** 429 with the platform's rate-limit headers and body. */
  | { kind: 'rate-limit'; retryAfterSec: number; global?: boolean }
  /** A 5xx answer (500 by default). */
  | { kind: 'server-error'; status?: number }
  /** Never answers and does nothing: the client times out. */
  | { kind: 'hang' }
  /** Does the work (the message is created), then never answers: a crash or a lost response. */
  | { kind: 'lost-response' }
  /** Refuses the token as the platform does (Discord 401; Slack `invalid_auth`), whatever it is. */
  | { kind: 'unauthorized' };

/** One request the fake received, with its body parsed (JSON or form). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The files of a multipart/form-data body, in order (its other fields are in `body`). */
  files?: RecordedFile[];
}

/** A file part of a multipart/form-data request. */
export interface RecordedFile {
  /** The form field's name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Which requests a fault hits: `times` requests (1), only paths ending with `onPath`, after letting `after` (0) through. */
export interface FaultOptions {
  times?: number;
  onPath?: string;
  after?: number;
}

/** Handles one request; `fault` is the injected fault for it, if any. */
export type ChatHandler = (req: RecordedRequest, res: ServerResponse, fault: Fault | undefined) => void;

/** The shared machinery of the fake chat servers: listening, body parsing, recording, fault queue. */
export interface ChatServerCore {
  origin: string;
  /** Every request received, in order (faulted ones included). */
  readonly requests: RecordedRequest[];
  /** The next requests get `fault` instead of a normal answer (see `FaultOptions`). */
  inject(fault: Fault, options?: FaultOptions): void;
  /** Stops listening and destroys open sockets, hanging ones included. */
  close(): Promise<void>;
}

/** Starts a node:http server on 127.0.0.1 (ephemeral port) that parses bodies and hands them to `handler`. */
export async function startChatServer(handler: ChatHandler): Promise<ChatServerCore> {
  const requests: RecordedRequest[] = [];
  const faults: { fault: Fault; onPath: string | undefined; pass: number }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      void parseRequest(raw, req.headers['content-type']).then(({ body, files }) => {
        const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, ...(files ? { files } : {}) };
        requests.push(recorded);
        handler(recorded, res, takeFault(faults, recorded.path));
      });
    });
  });
  const { origin, close } = await listenLocal(server);
  return {
    origin,
    requests,
    inject: (fault, { times = 1, onPath, after = 0 } = {}) => {
      for (let i = 0; i < times; i++) faults.push({ fault, onPath, pass: i === 0 ? after : 0 });
    },
    close,
  };
}

/** The fault for a request to `path`: the first queued one that matches, unless it still lets requests pass. */
function takeFault(faults: { fault: Fault; onPath: string | undefined; pass: number }[], path: string): Fault | undefined {
  const due = faults.findIndex((f) => f.onPath === undefined || path.endsWith(f.onPath));
  const entry = faults[due];
  if (!entry) return undefined;
  if (entry.pass > 0) {
    entry.pass -= 1;
    return undefined;
  }
  faults.splice(due, 1);
  return entry.fault;
}

/** A body as JSON, form or multipart (whose files come apart, parsed by undici's FormData as a server would). */
async function parseRequest(raw: Buffer, contentType: string | undefined): Promise<{ body: Record<string, unknown>; files?: RecordedFile[] }> {
  if (!contentType?.includes('multipart/form-data')) return { body: parseBody(raw.toString('utf8'), contentType) };
  const body: Record<string, unknown> = {};
  const files: RecordedFile[] = [];
  try {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') body[field] = value;
      else files.push({ field, filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
  } catch {
    return { body: { _invalid: raw.toString('utf8') }, files };
  }
  return { body, files };
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { _invalid: raw };
  } catch {
    return { _invalid: raw };
  }
}

/** Answers with a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Characters as the fakes count them: UTF-16 units of a string, 0 for anything else. */
export function len(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}
