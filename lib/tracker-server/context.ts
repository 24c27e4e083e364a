import type { SwarmStore } from '@/lib/tracker';
import type { BatchWriter } from './batch-writer';
import type { Directory } from './directory';
import type { leechDecision } from './leech-decision';
import type { TrackerSettings } from './settings';

/** The state one tracker instance shares between its request handlers. */
export interface TrackerContext {
  settings: TrackerSettings;
  now: () => number;
  random: () => number;
  log: (line: string) => void;
  swarms: SwarmStore;
  directory: Directory;
  batch: BatchWriter;
  /** The download permission rule (lib/tracker-server/leech-decision.ts unless a test substitutes one). */
  leechDecision: typeof leechDecision;
  /** A read of the database failed while a request waited on it: logged, and the store may reconnect. */
  readFailed: (error: unknown) => void;
}
