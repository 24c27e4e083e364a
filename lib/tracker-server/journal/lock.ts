import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

const HELD = Symbol.for('giveback.trackerJournalLocks');

/**
 * One tracker per journal: two writers would interleave sequence numbers and one's recovery would fold and
 * delete the other's live segment. The lock is a file holding the owner's pid; a lock left by a dead process
 * (kill -9) is taken over. Returns the release function; throws with a clear message if the journal is in use.
 */
export function lockJournal(dir: string): () => void {
  const file = path.join(dir, 'tracker.lock');
  const held = ((globalThis as { [HELD]?: Set<string> })[HELD] ??= new Set());
  if (held.has(file)) throw new Error(`tracker journal ${dir} is already open in this process`);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new Error(`tracker journal ${dir} is in use by process ${owner}; one tracker per database`);
      }
      unlinkSync(file);
    }
  }
  held.add(file);
  return () => {
    held.delete(file);
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
