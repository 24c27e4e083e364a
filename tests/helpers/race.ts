import { isAppError, type AppError } from '@/lib/errors';

/**
 * Waits for every call of a race and splits the outcomes. A rejection that is not an AppError (a raw database
 * error, a 500 for the member) fails the test with that error instead of being counted as a loser.
 */
export async function settleAll<T>(calls: Promise<T>[]): Promise<{ fulfilled: T[]; rejected: AppError[] }> {
  const results = await Promise.allSettled(calls);
  const fulfilled: T[] = [];
  const rejected: AppError[] = [];
  for (const r of results) {
    if (r.status === 'fulfilled') fulfilled.push(r.value);
    else if (isAppError(r.reason)) rejected.push(r.reason);
    else throw r.reason;
  }
  return { fulfilled, rejected };
}
