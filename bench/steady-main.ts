import { benchSteady } from './steady.js';

/** `npm run bench:steady`: issue 13's steady-state cycle, one SQLite process and three PostgreSQL workers (minutes). */
await benchSteady();
