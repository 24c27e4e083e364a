import type { FoldResult } from './fold';

/** What the tracker passes to its fold worker. */
export interface WorkerOptions {
  databaseUrl: string;
  /** The journal whose position the fold commits with each round. */
  journalId: string;
  journalDir: string;
  intervalMs: number;
  busyTimeoutMs: number;
  /** Journal bytes one round reads at most (roughly: whole frames, whole 1 MB reads). */
  roundBytes: number;
  /** A fold stops once it held the write lock this long (FoldLimit); the next round is smaller (round-size.ts). */
  lockBudgetMs: number;
  /** Journal bytes a fold applies between two checks of lockBudgetMs. */
  stepBytes: number;
  fsync: boolean;
  /** Niceness of the worker thread (0-19) on Linux. */
  nice: number;
  /** Linux: run in the idle scheduling class (see TrackerSettings.foldIdle). */
  idle: boolean;
}

/** `fold` folds until every batch up to `upTo` is in (a round reads a bounded amount); `close` folds all first. */
export type WorkerRequest = { type: 'fold'; upTo: number } | { type: 'close' };

export type FolderMessage =
  | { type: 'ready' }
  | ({ type: 'applied' } & FoldResult)
  | { type: 'log'; line: string }
  | { type: 'closed'; pending: number };
