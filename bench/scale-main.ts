import { benchScale } from './scale.js';

/** `npm run bench:scale`: the multi-worker PostgreSQL benchmark alone (it takes minutes). */
await benchScale();
