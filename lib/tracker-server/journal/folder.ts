import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FoldResult } from './fold';
import type { FolderMessage, WorkerOptions, WorkerRequest } from './worker-protocol';

/**
 * The tracker's handle on its fold worker thread (worker.ts): asks for folds, learns what each fold applied,
 * and restarts the worker if it ever dies (all its state is on disk). The worker's path is built at run time
 * from the working directory (the project root, where `npm start`, the tests and the benchmarks run), so the
 * Next.js bundler, which also sees this module, does not try to bundle the worker.
 */
export class JournalFolder {
  private worker: Worker;
  private waiters: { seq: number; resolve: () => void }[] = [];
  private closing: Promise<void> | null = null;
  appliedSeq: number;

  constructor(
    private readonly options: WorkerOptions & { appliedSeq: number },
    private readonly onApplied: (result: FoldResult) => void,
    private readonly log: (line: string) => void,
  ) {
    this.appliedSeq = options.appliedSeq;
    this.worker = this.start();
  }

  /** Resolves once every batch up to `seq` is in the database. */
  waitFor(seq: number): Promise<void> {
    if (seq <= this.appliedSeq) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ seq, resolve });
      this.send({ type: 'fold', upTo: seq });
    });
  }

  /** Folds what is left and stops the worker; what it could not fold stays in the journal for the next start. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      this.send({ type: 'close' });
    });
    return this.closing;
  }

  private start(): Worker {
    const here = path.join(process.cwd(), 'lib', 'tracker-server', 'journal');
    const worker = new Worker(path.join(here, 'worker-boot.mjs'), {
      workerData: { ...this.options, entry: pathToFileURL(path.join(here, 'worker.ts')).href },
    });
    worker.on('message', (m: FolderMessage) => this.receive(m));
    worker.on('error', (error) => this.log(`tracker journal: fold worker failed: ${error.message}`));
    worker.on('exit', () => {
      if (this.closing !== null) return;
      this.log('tracker journal: fold worker stopped; restarting it');
      const again = setTimeout(() => {
        if (this.closing === null) this.worker = this.start();
      }, 1000);
      again.unref();
    });
    worker.unref();
    return worker;
  }

  private send(m: WorkerRequest): void {
    this.worker.postMessage(m);
  }

  private receive(m: FolderMessage): void {
    if (m.type === 'log') this.log(m.line);
    else if (m.type === 'closed' && m.pending > 0) this.log(`tracker journal: ${m.pending} batches left to fold at the next start`);
    else if (m.type === 'applied') {
      const { type: _type, ...result } = m;
      this.appliedSeq = Math.max(this.appliedSeq, result.appliedSeq);
      this.onApplied(result);
      const ready = this.waiters.filter((w) => w.seq <= this.appliedSeq);
      this.waiters = this.waiters.filter((w) => w.seq > this.appliedSeq);
      for (const w of ready) w.resolve();
    }
  }
}
