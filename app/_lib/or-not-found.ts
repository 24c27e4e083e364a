import { notFound } from 'next/navigation';
import { isAppError } from '@/lib/errors';

/** A positive integer route parameter, or the 404 page. */
export function idOrNotFound(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

/** Awaits a service call, turning its NOT_FOUND into the 404 page. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}
