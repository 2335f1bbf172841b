import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommandServices } from '../../commands/command.js';
import { createSlackCommandsApp } from '../../src/adapters/slack/commands/app.js';
import type { Logger } from '../../src/core/logger.js';
import {
  buttonClickForm,
  buttonClickPayload,
  postToSlackEvents,
  slashCommandFields,
  slashCommandForm,
  type ButtonClickInput,
  type SlashCommandInput,
} from '../fakes/slack-commands-fake.js';
import { startSlackServer, type SlackServer } from '../fakes/slack-server.js';
import { startFakeSocketMode, type FakeSocketMode } from '../fakes/slack-socket-mode.js';

/** How Slack reaches the app: it posts to our `/slack/events`, or the app holds a Socket Mode connection. */
export type SlackTransportKind = 'http' | 'socket';

/** Both transports, for `describe.each`. */
export const SLACK_TRANSPORTS: readonly SlackTransportKind[] = ['http', 'socket'];

/** The signing secret (HTTP) and app-level token (Socket Mode) of the app under test. */
export const SLACK_SECRET = 'test-signing-secret-8f2a';
export const SLACK_APP_TOKEN = 'xapp-1-A0STORYWATCH-1-fake';

/** The acknowledgement of a command or click: its body (the answer when it rides on ack()), or null when empty. */
export type SlackAck = Record<string, unknown> | null;

/** One transport serving the commands, with the fake Slack behind it. */
export interface SlackTransport {
  kind: SlackTransportKind;
  /** The fake Web API (SLACK_API_URL); in Socket Mode it also answers `apps.connections.open`. */
  api: SlackServer;
  /** `POST /slack/events` on our server (HTTP only). */
  eventsUrl?: string;
  /** The Socket Mode servers (Socket Mode only). */
  socket?: FakeSocketMode;
  /** Sends a slash command as Slack does (a signed form post, or a `slash_commands` envelope) and resolves with the ack. */
  command(input: SlashCommandInput): Promise<SlackAck>;
  /** Sends a button click (a signed form post, or an `interactive` envelope) and resolves with the ack. */
  click(input: ButtonClickInput): Promise<SlackAck>;
  close(): Promise<void>;
}

/**
 * Starts the production Bolt app for `kind` against fakes on 127.0.0.1: HTTP mode on a node:http
 * server (requests signed with SLACK_SECRET), or Socket Mode, which asks the fake Web API's
 * `apps.connections.open` (reached through `apiUrl`) where to connect.
 */
export async function startSlackTransport(
  kind: SlackTransportKind,
  options: { services: CommandServices; adminUserIds: string[]; logger: Logger; ackWithinMs: number; userLocales?: Record<string, string> },
): Promise<SlackTransport> {
  const { userLocales, ...app } = options;
  const socket = kind === 'socket' ? await startFakeSocketMode() : undefined;
  const api = await startSlackServer({
    ...(socket ? { socketMode: { appToken: SLACK_APP_TOKEN, openUrl: () => socket.openUrl() } } : {}),
    ...(userLocales ? { userLocales } : {}),
  });
  const common = { ...app, botToken: api.token, apiUrl: api.apiUrl };
  if (socket) {
    const slack = createSlackCommandsApp({ ...common, mode: 'socket', appToken: SLACK_APP_TOKEN });
    if (slack.mode !== 'socket') throw new Error('expected Socket Mode');
    const started = await slack.start();
    if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
    await socket.connected();
    return {
      kind,
      api,
      socket,
      command: (input) => socket.send('slash_commands', slashCommandFields(input)),
      click: (input) => socket.send('interactive', buttonClickPayload(input)),
      close: async () => {
        await slack.stop();
        await Promise.all([socket.close(), api.close()]);
      },
    };
  }
  const slack = createSlackCommandsApp({ ...common, mode: 'http', signingSecret: SLACK_SECRET });
  if (slack.mode !== 'http') throw new Error('expected HTTP mode');
  const server = http.createServer(slack.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const post = async (form: string): Promise<SlackAck> => {
    const answer = await postToSlackEvents(eventsUrl, form, { secret: SLACK_SECRET });
    if (answer.status !== 200) throw new Error(`/slack/events answered ${answer.status}`);
    return answer.body;
  };
  return {
    kind,
    api,
    eventsUrl,
    command: (input) => post(slashCommandForm(input)),
    click: (input) => post(buttonClickForm(input)),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
    },
  };
}
