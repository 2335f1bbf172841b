import type { IncomingMessage, RequestListener } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { CommandServices } from '../../../../commands/command.js';
import type { Logger } from '../../../core/logger.js';
import { err, ok, type Result } from '../../../core/result.js';
import { boltLogger } from './bolt-logger.js';
import { createSlackPager } from './reply.js';
import { ACK_WITHIN_MS, registerSlackCommands } from './routes.js';

interface CommonOptions {
  /** The bot token (xoxb-…), for Web API calls Bolt makes on the app's behalf. */
  botToken: string;
  /** Web API base, e.g. `http://127.0.0.1:8081/api/` (SLACK_API_URL); Slack's own by default. */
  apiUrl?: string;
  services: CommandServices;
  /** Slack user ids allowed to run admin commands (SLACK_ADMIN_USERS). */
  adminUserIds: readonly string[];
  /** Prefix of the command names configured in the manifest, e.g. `sw-` (SLACK_COMMAND_PREFIX). */
  commandPrefix?: string;
  logger: Logger;
  /** How long a command may run before its answer is sent through response_url (default 2 s; keep it under Slack's 3 s). */
  ackWithinMs?: number;
}

/** How to serve the slash commands: HTTP (Slack posts to our `/slack/events`) or Socket Mode (we connect to Slack). */
export type SlackCommandsOptions = CommonOptions & ({ mode: 'http'; signingSecret: string } | { mode: 'socket'; appToken: string });

/** The Bolt app serving the commands, with what its mode needs to run it. */
export type SlackCommandsApp =
  | {
      mode: 'http';
      app: App;
      /** Handles `POST /slack/events` on our node:http server (any other path answers 404). */
      requestListener: RequestListener;
    }
  | {
      mode: 'socket';
      app: App;
      /**
       * Opens the Socket Mode connection (with the app token, SLACK_APP_TOKEN); the client opens a new one
       * by itself when it drops. Fails with SLACK_SOCKET_MODE_START when the token is refused.
       */
      start(): Promise<Result<void>>;
      stop(): Promise<void>;
    };

/** The path Slack posts slash commands and interactions to in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** How far a request's timestamp may be from our clock, either way (Slack's replay window). */
const MAX_CLOCK_SKEW_SEC = 5 * 60;

/**
 * True when the request carries a numeric `X-Slack-Request-Timestamp` more than five minutes ahead
 * of our clock. Bolt refuses old timestamps (and missing or malformed ones) but accepts any future
 * one, which would let a captured request be replayed for as long as its stamp lies ahead.
 */
function stampedInTheFuture(req: IncomingMessage, nowMs: number): boolean {
  const header = req.headers['x-slack-request-timestamp'];
  const stamp = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(stamp) && stamp - nowMs / 1000 > MAX_CLOCK_SKEW_SEC;
}

/** Web API client options for `apiUrl`: a fresh object each time (the Socket Mode client adds its retry policy to the one it gets). */
/**
 * The commands' Web API client: at SLACK_API_URL when set, and retrying a failed call twice within
 * seconds (the client's default retries for half an hour, which would keep a stopping `serve` alive;
 * commands answer within seconds or not at all, and deliveries have their own client and outbox).
 */
function slackApi(apiUrl: string | undefined): {
  slackApiUrl?: string;
  retryConfig: { retries: number; factor: number; minTimeout: number; maxTimeout: number };
} {
  return { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 } };
}

/**
 * Builds the @slack/bolt app that serves every command of `commands/` (and the umbrella command). In
 * HTTP mode, Bolt's HTTPReceiver checks each request's signature (v0 HMAC-SHA256 with the signing
 * secret, timestamp at most 5 minutes old) and answers 401 without running any listener otherwise;
 * its listener, which also answers 401 to a timestamp more than 5 minutes in the future, is returned
 * for our own server. In Socket Mode, `start()` connects with the app token.
 */
export function createSlackCommandsApp(options: SlackCommandsOptions): SlackCommandsApp {
  const logger = boltLogger(options.logger);
  const receiver =
    options.mode === 'http'
      ? new HTTPReceiver({
          signingSecret: options.signingSecret,
          endpoints: SLACK_EVENTS_PATH,
          // We run a long-lived server: ack() answers the HTTP request at once and slow work goes on after.
          processBeforeResponse: false,
          // A request no listener acknowledged (an interaction we do not handle) is closed with 404 when Slack gives up.
          unhandledRequestTimeoutMillis: 3000,
          logger,
        })
      : // apps.connections.open goes to the same Web API base; the client reconnects by calling it again.
        new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions: slackApi(options.apiUrl) } });
  const app = new App({
    receiver,
    // A fixed token instead of `token`: Bolt would call auth.test for it; commands are answered with
    // ack() and response_url, so the bot's own ids are never needed.
    authorize: async () => ({ botToken: options.botToken }),
    clientOptions: slackApi(options.apiUrl),
    logger,
    convoStore: false,
  });
  registerSlackCommands(app, {
    services: options.services,
    adminUserIds: options.adminUserIds,
    commandPrefix: options.commandPrefix ?? '',
    ackWithinMs: options.ackWithinMs ?? ACK_WITHIN_MS,
    pager: createSlackPager(),
    log: options.logger,
  });
  if (receiver instanceof HTTPReceiver) {
    return {
      mode: 'http',
      app,
      requestListener: (req, res) => {
        if (stampedInTheFuture(req, Date.now())) {
          options.logger.warn(
            { path: req.url, timestamp: req.headers['x-slack-request-timestamp'] },
            'Slack request refused: its timestamp is more than 5 minutes in the future',
          );
          res.writeHead(401).end();
          return;
        }
        try {
          receiver.requestListener(req, res);
        } catch {
          // Bolt throws for paths and methods it does not serve.
          if (!res.headersSent) res.writeHead(404).end();
        }
      },
    };
  }
  return {
    mode: 'socket',
    app,
    start: async () => {
      try {
        await app.start();
        return ok(undefined);
      } catch (error) {
        return err('SLACK_SOCKET_MODE_START', `cannot open the Slack Socket Mode connection: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    stop: async () => {
      await app.stop();
    },
  };
}
