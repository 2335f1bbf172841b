import type { Command } from 'commander';
import { inputError, withApp, type GlobalOptions } from './with-app.js';

/** Registers `commands register --platform discord [--guild <id>]`: bulk-registers the slash commands. */
export function registerCommandsCommand(program: Command): void {
  const commands = program.command('commands').description('slash command registration');
  commands
    .command('register')
    .description('register the slash commands with Discord (Slack commands come from slack-app-manifest.yml)')
    .requiredOption('--platform <platform>', 'discord')
    .option('--guild <id>', 'register in one server (instant) instead of globally')
    .action(async (o: { platform: string; guild?: string }) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print) => {
        if (o.platform !== 'discord') throw inputError('COMMANDS_PLATFORM', 'only discord registers commands by API; install slack-app-manifest.yml for Slack');
        const discord = app.config.chat.discord;
        const applicationId = app.config.serve.discord.applicationId;
        if (!discord || !applicationId) throw inputError('CONFIG_MISSING', 'set DISCORD_TOKEN and DISCORD_APPLICATION_ID');
        const { registerDiscordCommands } = await import('../adapters/discord/commands/definitions.js'); // discord.js loads here only
        const result = await registerDiscordCommands({ token: discord.token, apiUrl: discord.apiUrl, applicationId, guildId: o.guild });
        if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), { exitCode: 1 });
        print(`Registered ${result.value.names.length} commands (${result.value.scope}): ${result.value.names.map((n) => `/${n}`).join(' ')}`);
      });
    });
}
