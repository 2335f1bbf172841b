import { alertOptionsCommand } from './alert-options.js';
import { askCommand } from './ask.js';
import type { CommandDefinition } from './command.js';
import { digestCommand } from './digest.js';
import { feedsCommand } from './feeds.js';
import { storyCommand } from './story.js';
import { subscribeCommand, unsubscribeCommand } from './subscribe.js';
import { timelineCommand } from './timeline.js';

/** Every slash command, defined once; both platforms register and serve these. */
export const COMMANDS: readonly CommandDefinition[] = [
  timelineCommand,
  askCommand,
  storyCommand,
  subscribeCommand,
  unsubscribeCommand,
  alertOptionsCommand,
  feedsCommand,
  digestCommand,
] as CommandDefinition[];

/** The command with this name, if any. */
export function findCommand(name: string): CommandDefinition | undefined {
  return COMMANDS.find((c) => c.name === name);
}
