/** Main thread to the ratio scheduler's thread: members the tracker reported since the last message, or stop. */
export type RatioThreadRequest =
  | { type: 'activity'; changed: number[]; urgent: number[]; seeding: number[] }
  | { type: 'stop' };

export type RatioThreadMessage =
  | { type: 'ready' }
  | { type: 'log'; line: string }
  /** An evaluation changed what the tracker enforces: the main thread moves the tracker's cache generation. */
  | { type: 'tracker-changed' };
