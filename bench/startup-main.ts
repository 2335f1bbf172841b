import { benchStartup } from './startup.js';

/**
 * `npm run bench:startup`: start-up time and peak RSS of CLI commands next to `node -e 0`, on the
 * dist/ it builds first. Optional arguments: another built cli.js to measure, and the number of rounds.
 */
const [cli, runs] = process.argv.slice(2);
await benchStartup(cli, runs === undefined ? undefined : Number(runs));
