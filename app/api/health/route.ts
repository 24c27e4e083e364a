import { asAppError, BUSY_MESSAGE, RETRY_AFTER_SECONDS } from '@/lib/errors';
import { checkDatabase } from '@/lib/services/check-database';

export const dynamic = 'force-dynamic';

/**
 * Whether this web process can serve: 200 when its database answers, 503 with Retry-After when it is busy or
 * down. A reverse proxy can take a web process out of rotation on it; a page's error boundary asks it to tell
 * "busy, try again" from a bug.
 */
export async function GET(): Promise<Response> {
  try {
    await checkDatabase();
    return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch (thrown) {
    if (asAppError(thrown)?.code !== 'UNAVAILABLE') throw thrown;
    return Response.json({ error: BUSY_MESSAGE }, { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' } });
  }
}
