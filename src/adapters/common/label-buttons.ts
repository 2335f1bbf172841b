import { LABEL_CHOICES, type LabelChoice } from '../../core/alert-label.js';
import type { OutboundMessage } from '../../delivery/message.js';
import { localeFor } from '../../delivery/locale/locale.js';

/** The catalog words of the buttons' labels, in the order they are shown. */
const LABEL_BUTTON_WORD = { off_topic: 'notThisStory', wrong_date: 'wrongDate' } as const satisfies Record<LabelChoice, string>;

const CODES: Record<LabelChoice, string> = { off_topic: 'o', wrong_date: 'd' };
/** `sw:fb:<version>:<alert id>:<choice>`: short (Discord's custom_id holds 100 characters), versioned. */
const LABEL_ID = /^sw:fb:1:(\d{1,15}):([od])$/u;

/** The id of a label button (Discord custom_id, Slack action_id and value): the alert and the choice. */
export function labelButtonId(alertId: number, choice: LabelChoice): string {
  return `sw:fb:1:${alertId}:${CODES[choice]}`;
}

/** True for ids of label buttons, of any version (a version we no longer read is refused by `readLabelButton`). */
export function isLabelButton(id: string): boolean {
  return id.startsWith('sw:fb:');
}

/** The alert and choice a label button stands for, or null when the id is not one we read. */
export function readLabelButton(id: string): { alertId: number; choice: LabelChoice } | null {
  const [, alertId, code] = LABEL_ID.exec(id) ?? [];
  const choice = LABEL_CHOICES.find((c) => CODES[c] === code);
  return alertId && choice ? { alertId: Number(alertId), choice } : null;
}

/** The label buttons an alert carries: none once withdrawn, none for a message without a stored alert. */
export function labelButtons(message: Extract<OutboundMessage, { type: 'alert' }>): { id: string; text: string }[] {
  if (message.alertId === undefined || message.feedback?.withdrawn) return [];
  const alertId = message.alertId;
  const locale = localeFor(message.language);
  return LABEL_CHOICES.map((choice) => ({ id: labelButtonId(alertId, choice), text: locale.t(LABEL_BUTTON_WORD[choice]) }));
}

/** A development's day as an alert shows it, in its language: with "(disputed)" once three readers said the date is wrong. */
export function shownDate(message: Extract<OutboundMessage, { type: 'alert' }>, date: string): string {
  const locale = localeFor(message.language);
  return message.feedback?.dateDisputed ? locale.t('disputed', { date: locale.date(date) }) : locale.date(date);
}
