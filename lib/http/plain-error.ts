import { asAppError, httpStatus, RETRY_AFTER_SECONDS } from '@/lib/errors';

/** A refusal as plain text with its status, for BitTorrent clients and feed readers (bugs stay 500s). */
export function plainError(thrown: unknown): Response {
  const error = asAppError(thrown);
  if (!error) throw thrown;
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
  if (error.code === 'UNAVAILABLE') headers['retry-after'] = String(RETRY_AFTER_SECONDS);
  return new Response(error.userMessage, { status: httpStatus(error.code), headers });
}
