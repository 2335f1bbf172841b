import type { Platform } from '../core/subscription.js';
import type { App } from '../main.js';
import { auditCli, cliUser } from './cli-audit.js';
import { inputError, type Out } from './with-app.js';

/**
 * `subscriptions resume [--platform p]`: lifts the pause that a refused token put on a platform
 * (both when none is given), so its waiting messages go out on the next delivery pass. Each lift is
 * logged (DELIVERY_RESUMED, who, which platform, the pause it ended) and recorded in the audit table.
 */
export async function resumeDelivery(app: App, print: Out, platform: string | undefined): Promise<void> {
  if (platform !== undefined && platform !== 'discord' && platform !== 'slack')
    throw inputError('SUBSCRIPTION_INVALID', '--platform: expected discord or slack');
  const platforms: Platform[] = platform === undefined ? ['discord', 'slack'] : [platform];
  let lifted = 0;
  for (const p of platforms) {
    const pause = await app.store.resumePlatform(p);
    if (!pause) continue;
    lifted += 1;
    app.log.warn(
      {
        code: 'DELIVERY_RESUMED',
        audit: true,
        action: 'subscriptions.resume',
        by: cliUser(),
        platform: p,
        pausedAt: pause.pausedAt.toISOString(),
        cause: pause.code,
      },
      `${p} delivery resumed by the operator`,
    );
    await auditCli(app, 'subscriptions.resume', p, 'ok', `paused since ${pause.pausedAt.toISOString()} by ${pause.code}`);
    print(`Resumed ${p} delivery (paused since ${pause.pausedAt.toISOString()} by ${pause.code}); its waiting messages go out on the next delivery pass.`);
    if (!app.senders[p]) print(`Note: ${p} delivery is off until its token is set.`);
  }
  if (lifted === 0) print(`No paused platform${platform ? ` (${platform} is not paused)` : ''}: nothing to resume.`);
}
