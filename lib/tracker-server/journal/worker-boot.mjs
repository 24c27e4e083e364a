// Entry of the journal fold worker thread: registers tsx so the TypeScript worker loads the same way under
// `npm start` (tsx), vitest and the benchmarks, then runs it.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
