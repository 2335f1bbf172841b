import type { Command } from 'commander';
import type { App } from '../main.js';
import { DeliveryLoop } from '../scheduler/delivery-loop.js';
import { startHttpServer, type ListenAddress, type RouteHandler } from '../server/http-server.js';
import { webRoutes } from '../server/web-routes.js';
import { waitForSignal } from './signals.js';
import { listenHostSchema } from '../config/env.js';
import { inputError, withApp, type GlobalOptions, type Out } from './with-app.js';

/**
 * Starts what the environment enables: HTTP endpoints, Discord gateway, Slack Socket Mode. Returns
 * stoppers. Each platform's library is imported here, when the environment turns it on.
 */
async function startCommandServing(app: App, routes: Record<string, RouteHandler>, print: Out): Promise<(() => Promise<void>)[]> {
  const { serve, chat } = app.config;
  const services = app.commandServices();
  const stops: (() => Promise<void>)[] = [];
  if (serve.discord.publicKey) {
    const { createDiscordInteractionHandler } = await import('../adapters/discord/commands/interactions.js');
    routes['/discord/interactions'] = createDiscordInteractionHandler({
      publicKey: serve.discord.publicKey,
      apiUrl: chat.discord?.apiUrl,
      applicationId: serve.discord.applicationId ?? '',
      services,
      logger: app.log,
    });
    print('Discord: interactions endpoint POST /discord/interactions');
  }
  if (chat.discord && serve.discord.mode === 'gateway') {
    const { startDiscordGateway } = await import('../adapters/discord/commands/gateway.js');
    const gateway = await startDiscordGateway({ token: chat.discord.token, apiUrl: chat.discord.apiUrl, services, logger: app.log });
    if (gateway.ok) {
      stops.push(() => gateway.value.stop());
      print('Discord: gateway connected');
    } else print(`Discord: gateway not started (${gateway.error.code}: ${gateway.error.message})`);
  }
  const slackCommon = {
    botToken: chat.slack?.token ?? '',
    apiUrl: chat.slack?.apiUrl,
    services,
    adminUserIds: serve.slack.adminUserIds,
    commandPrefix: serve.slack.commandPrefix,
    logger: app.log,
  };
  if (serve.slack.signingSecret) {
    const { createSlackCommandsApp, SLACK_EVENTS_PATH } = await import('../adapters/slack/commands/app.js');
    const slack = createSlackCommandsApp({ ...slackCommon, mode: 'http', signingSecret: serve.slack.signingSecret });
    if (slack.mode === 'http') routes[SLACK_EVENTS_PATH] = slack.requestListener;
    print(`Slack: events endpoint POST ${SLACK_EVENTS_PATH}`);
  } else if (serve.slack.appToken) {
    const { createSlackCommandsApp } = await import('../adapters/slack/commands/app.js');
    const slack = createSlackCommandsApp({ ...slackCommon, mode: 'socket', appToken: serve.slack.appToken });
    if (slack.mode === 'socket') {
      const started = await slack.start();
      if (started.ok) {
        stops.push(() => slack.stop());
        print('Slack: Socket Mode connected');
      } else print(`Slack: Socket Mode not started (${started.error.code}: ${started.error.message})`);
    }
  }
  return stops;
}

/** Where to listen: `--host`/`--port` over HOST/PORT (default 127.0.0.1:3000); a bad value fails with HOST_INVALID or PORT_INVALID. */
function listenAddress(options: { host?: string; port?: string }, app: App): ListenAddress {
  const host = options.host ?? app.config.serve.host;
  if (!listenHostSchema.safeParse(host).success)
    throw inputError('HOST_INVALID', `--host "${host}": expected an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0`);
  const port = options.port === undefined ? app.config.serve.port : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw inputError('PORT_INVALID', `--port "${options.port}": expected a port number from 0 to 65535`);
  return { host, port };
}

/** Registers `serve`: slash commands on both platforms, /healthz, and the scheduler and dispatcher. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve slash commands (Discord, Slack) and GET /healthz on PORT, next to the feed scheduler and the dispatcher')
    .option('--port <port>', 'HTTP port (default: PORT or 3000)')
    .option('--host <address>', 'address to listen on (default: HOST or 127.0.0.1; 0.0.0.0 for every interface)')
    .action(async (options: { port?: string; host?: string }) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print) => {
        const at = listenAddress(options, app);
        const routes: Record<string, RouteHandler> = {};
        const stops = await startCommandServing(app, routes, print);
        const health = async () => ({ feeds: (await app.store.listFeeds()).length, stories: app.config.stories.map((s) => s.id) });
        let bound = `http://${at.host}:${at.port}`;
        const { publicUrl, statusToken } = app.config.serve;
        const web = webRoutes({ store: app.store, stories: app.config.stories, clock: app.clock, publicUrl: () => publicUrl ?? bound, statusToken });
        Object.assign(routes, web.posts);
        const server = await startHttpServer(at, routes, health, app.log, web.routes).catch(async (e: NodeJS.ErrnoException) => {
          await Promise.all(stops.map((stop) => stop()));
          throw Object.assign(new Error(`SERVE_LISTEN_FAILED: cannot listen on ${at.host}:${at.port} (${e.code ?? e.message})`), { exitCode: 1 });
        });
        bound = `http://${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}`;
        print(
          `Listening on port ${server.port} at ${server.host}: GET /healthz, ${web.paths.join(', ')}${Object.keys(routes)
            .map((r) => `, POST ${r}`)
            .join('')}`,
        );
        const delivery = new DeliveryLoop({ store: app.store, dispatcher: app.dispatcher(), clock: app.clock, log: app.log });
        const poller = await app.poller(web.observePoll, () => delivery.nudge());
        poller.start();
        delivery.start();
        const signal = await waitForSignal();
        app.log.info({ signal }, 'shutting down');
        await Promise.all([server.close(), poller.stop(), delivery.stop(), ...stops.map((stop) => stop())]);
      });
    });
}
