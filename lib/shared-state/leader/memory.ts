import type { Leadership, LeaderOptions } from './leader';

/** One process (SQLite): it always holds the work. */
export function holdLocalLeadership(options: LeaderOptions): Leadership {
  let held = true;
  options.onAcquired();
  return {
    isLeader: () => held,
    async stop() {
      if (!held) return;
      held = false;
      options.onLost();
    },
  };
}
