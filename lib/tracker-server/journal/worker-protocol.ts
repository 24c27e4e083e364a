import type { FoldResult } from './fold';

/** What the tracker passes to its fold worker. */
export interface WorkerOptions {
  databaseFile: string;
  journalDir: string;
  intervalMs: number;
  busyTimeoutMs: number;
  fsync: boolean;
  /** Niceness of the worker thread (0-19) on Linux. */
  nice: number;
}

export type WorkerRequest = { type: 'fold' } | { type: 'close' };

export type FolderMessage =
  | { type: 'ready' }
  | ({ type: 'applied' } & FoldResult)
  | { type: 'log'; line: string }
  | { type: 'closed'; pending: number };
