// Preloaded by bench/startup.ts into every process it times: writes the process's peak RSS (KiB) to fd 3 at exit.
import { writeSync } from 'node:fs';
import process from 'node:process';

process.on('exit', () => writeSync(3, String(process.resourceUsage().maxRSS)));
