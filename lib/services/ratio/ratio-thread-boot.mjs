// Entry of the ratio scheduler's worker thread: lets `server-only` resolve as it does in the main process (the
// custom server's guard shim) and registers tsx, so the TypeScript entry loads the same way under `npm start`,
// vitest and the benchmarks, then runs it.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import '../../../scripts/server-only-shim.mjs';

register();
await import(workerData.entry);
