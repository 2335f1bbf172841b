import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { accessLevel, note, type CommandServices, type Reply } from '../../../../commands/command.js';
import { labelAlert } from '../../../../commands/label-alert.js';
import type { Logger } from '../../../core/logger.js';
import { readLabelButton } from '../../common/label-buttons.js';
import type { SlackPager } from './reply.js';

/** Matches the action ids of alerts' label buttons ("not this story", "wrong date"). */
export const LABEL_ACTION = /^sw:fb:/u;

/** What answering a label click needs. */
export interface LabelActionDeps {
  services: CommandServices;
  pager: SlackPager;
  log: Logger;
}

/** Records a label for the Slack user who clicked: the tenant is the team of the click (none in a DM). */
function runSlackLabelClick(body: BlockAction<ButtonAction>, actionId: string, services: CommandServices): Promise<Reply> {
  const button = readLabelButton(actionId);
  if (!button) return Promise.resolve(note('Not recorded', 'This button is from an older storywatch; label a newer alert.'));
  const channelId = body.channel?.id ?? body.container.channel_id ?? null;
  const team = body.team?.id ?? body.user.team_id ?? null;
  const tenantId = channelId === null || channelId.startsWith('D') ? null : team;
  const level = accessLevel(body.user.id, tenantId, 'member', services.operators);
  return labelAlert(button.alertId, button.choice, { platform: 'slack', userId: body.user.id, channelId, tenantId, level, services });
}

/**
 * Answers a click on an alert's label button: `ack()` at once (Slack's 3 s), then the label is
 * recorded and the reader alone is told so through the interaction's response_url (the alert
 * itself is edited later by the dispatcher). Never throws: a failed answer is logged.
 */
export async function answerLabelAction(
  args: Pick<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, 'action' | 'body' | 'ack' | 'respond'>,
  deps: LabelActionDeps,
): Promise<void> {
  await args.ack();
  try {
    const reply = await runSlackLabelClick(args.body, args.action.action_id, deps.services);
    await args.respond({ ...deps.pager.render(reply), response_type: 'ephemeral', replace_original: false });
  } catch (error) {
    deps.log.warn({ err: error, channel: `slack:${args.body.channel?.id ?? '?'}` }, 'label click not answered');
  }
}
