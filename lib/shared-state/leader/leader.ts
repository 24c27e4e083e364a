/** Work that must run in one process of the site at a time (the ratio scheduler). */
export interface LeaderOptions {
  /** Names the work in logs. */
  name: string;
  /** The PostgreSQL advisory lock key that stands for the work (LOCK_KEYS). */
  lockKey: number;
  /** This process now holds the work: start it. */
  onAcquired: () => void;
  /** This process no longer holds it (its database session ended): stop it at once, someone else may start. */
  onLost: () => void;
  /** How often a process without the lock tries again, and the holder checks its session. Default 5 s. */
  retryMs?: number;
  log?: (line: string) => void;
}

export interface Leadership {
  isLeader(): boolean;
  /** Gives the work up (calls onLost first if held) and closes the session. */
  stop(): Promise<void>;
}

/** Advisory lock keys, one per kind of single-run work; pg_locks shows them as objid with classid 0. */
export const LOCK_KEYS = { ratioScheduler: 715_001, migrations: 715_002 } as const;
