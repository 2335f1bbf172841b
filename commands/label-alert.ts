import { LABELS_TO_ACT, type LabelChoice } from '../src/core/alert-label.js';
import type { Alert } from '../src/core/development.js';
import { audit, failed, note, type CommandContext, type Reply } from './command.js';

/** What each choice is called on the buttons and in the audit. */
export const LABEL_NAMES: Record<LabelChoice, string> = { off_topic: 'Not this story', wrong_date: 'Wrong date' };

/** What a label did, once recorded. */
interface Recorded {
  /** False when this reader had given this label already. */
  added: boolean;
  /** Developments the item no longer counts for. */
  withdrawn: number[];
  /** Distinct readers who gave this label on the alert. */
  count: number;
  /** True when this label was the one that withdrew the alert or disputed its date. */
  acted: boolean;
}

const ACTION = 'label';

/**
 * Records a reader's button click on an alert ("not this story" or "wrong date"), for both chat
 * platforms: the click must come from the server or workspace of the subscription the alert was
 * posted to, in that channel (else refused); every click is audited. A label is recorded once per
 * reader, alert and choice (a second click says so) and never deleted. "Not this story" withdraws
 * the alert's item as a source of the story's developments; the third reader's label of a choice
 * withdraws the alert or disputes its date. The alerts whose counts change are marked for an edit,
 * which the dispatcher makes (the existing edit path).
 */
export async function labelAlert(alertId: number, choice: LabelChoice, ctx: CommandContext): Promise<Reply> {
  const target = `alert ${alertId}`;
  const refuse = async (code: string, why: string): Promise<Reply> => {
    await audit(ctx, `${ACTION}.${choice}`, target, 'refused', `${code}: ${why}`);
    return failed('Not recorded', code, why);
  };
  const { store, clock } = ctx.services;
  const platform = ctx.platform;
  if (platform === null || ctx.tenantId === null || ctx.channelId === null)
    return refuse('LABEL_NOT_IN_SERVER', 'Labels are given on alerts in a server or workspace channel.');
  const alert = await store.getAlert(alertId);
  if (!alert) return refuse('LABEL_UNKNOWN_ALERT', 'This alert is not known (any more).');
  const postings = (await store.alertPostings(alertId)).filter((p) => p.platform === platform && p.channelId === ctx.channelId);
  if (postings.length === 0) return refuse('LABEL_NOT_POSTED_HERE', 'This alert was not posted in this channel.');
  if (!postings.some((p) => p.tenantId === null || p.tenantId === ctx.tenantId))
    return refuse('LABEL_TENANT_MISMATCH', 'This alert belongs to another server or workspace.');
  const at = clock.now();
  const label = { alertId, choice, platform, tenantId: ctx.tenantId, userId: ctx.userId, channelId: ctx.channelId, at };
  const done = await store.transaction(async (tx): Promise<Recorded> => {
    await tx.lockStory(alert.storyId);
    if (!(await tx.addAlertLabel(label))) return { added: false, withdrawn: [], count: 0, acted: false };
    const withdrawn = choice === 'off_topic' ? await tx.withdrawSource(alert.storyId, alert.itemId, at) : [];
    const count = new Set((await tx.listAlertLabels({ alertId })).filter((l) => l.choice === choice).map((l) => `${l.platform}:${l.userId}`)).size;
    const current = (await tx.getAlert(alertId)) ?? alert;
    const acted = count >= LABELS_TO_ACT && (choice === 'off_topic' ? !current.withdrawnAt : !current.dateDisputedAt);
    if (acted) await tx.markAlert(alertId, choice === 'off_topic' ? { withdrawnAt: at } : { dateDisputedAt: at });
    await tx.markAlertsForEdit(alert.storyId, [...new Set([...withdrawn, ...(acted ? alert.developments : [])])]);
    return { added: true, withdrawn, count, acted };
  });
  if (!done.added) {
    await audit(ctx, `${ACTION}.${choice}`, target, 'refused', 'LABEL_ALREADY_RECORDED');
    return note(LABEL_NAMES[choice], 'You already said so about this alert; your label is recorded.');
  }
  await audit(ctx, `${ACTION}.${choice}`, target, 'ok', detail(alert, choice, done));
  return note(LABEL_NAMES[choice], ...confirmation(choice, done));
}

/** The audit detail: the item, what was withdrawn, how many readers said so. */
function detail(alert: Alert, choice: LabelChoice, done: Recorded): string {
  const withdrawn = choice === 'off_topic' ? `; source item ${alert.itemId} withdrawn from ${done.withdrawn.length} development(s)` : '';
  const acted = done.acted ? (choice === 'off_topic' ? '; alert withdrawn' : '; date disputed') : '';
  return `item ${alert.itemId}; ${done.count} of ${LABELS_TO_ACT} reader(s)${withdrawn}${acted}`;
}

/** What the reader is told. */
function confirmation(choice: LabelChoice, done: Recorded): string[] {
  const lines = ['Thank you: your label is recorded and will help the matcher.'];
  if (choice === 'off_topic') lines.push('This item no longer counts as a source of the story.');
  const marked = choice === 'off_topic' ? 'the alert is marked withdrawn' : 'its date is marked disputed';
  if (done.acted) lines.push(`Three readers said so: ${marked}.`);
  else if (done.count > LABELS_TO_ACT) lines.push(`${done.count} readers have said so; ${marked} already.`);
  else lines.push(`${done.count} of ${LABELS_TO_ACT} readers have said so.`);
  return lines;
}
