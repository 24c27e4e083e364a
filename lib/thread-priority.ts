import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Sets the calling thread's niceness (Linux names the thread in /proc/thread-self; os.setPriority takes a thread
 * id there) and returns its thread id, or null where there is no such name (not Linux). When the niceness may
 * not be set, the thread keeps the process's and its id is still returned.
 */
export function niceCurrentThread(nice: number): number | null {
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
  if (!Number.isInteger(tid) || tid <= 0) return null;
  try {
    setPriority(tid, nice);
  } catch {
    // not allowed: the process's niceness
  }
  return tid;
}
