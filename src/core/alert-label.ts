/** What a reader says of an alert with its buttons: the item is not about the story, or its date is wrong. */
export type LabelChoice = 'off_topic' | 'wrong_date';

/** The label choices, in the order the buttons show them. */
export const LABEL_CHOICES: readonly LabelChoice[] = ['off_topic', 'wrong_date'];

/** How many labels of one choice, from distinct readers, withdraw an alert or dispute its date. */
export const LABELS_TO_ACT = 3;

/** One reader's label on one alert, as it is recorded (labels are never deleted). */
export interface AlertLabelInput {
  alertId: number;
  choice: LabelChoice;
  platform: 'discord' | 'slack';
  /** The Discord guild or Slack team the click came from. */
  tenantId: string;
  userId: string;
  channelId: string;
  at: Date;
}

/** A recorded label, with the alert's story and item. */
export interface AlertLabel extends AlertLabelInput {
  id: number;
  storyId: string;
  itemId: number;
}

/** Where an alert was posted: one sent outbox row's subscription. */
export interface AlertPosting {
  platform: 'discord' | 'slack';
  channelId: string;
  /** The subscription's guild or team; null when it was subscribed from the CLI. */
  tenantId: string | null;
}
