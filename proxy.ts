import { NextResponse, type NextRequest } from 'next/server';
import { isStaffRequest } from '@/lib/auth/staff-gate';
import { asAppError, BUSY_MESSAGE, RETRY_AFTER_SECONDS } from '@/lib/errors';

/**
 * Staff actions live under /admin (server actions and staff routes). A server action answers with status 200
 * whatever it decides, so a POST from someone who is not staff is refused here with a real 403 first. This is
 * not the only gate: each action and route authorizes itself, including rank checks against the target.
 */
export async function proxy(request: NextRequest) {
  if (request.method !== 'POST') return NextResponse.next();
  try {
    if (!(await isStaffRequest(request))) {
      return new NextResponse('Forbidden: staff only', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
  } catch (error) {
    // The gate reads the member behind the session. Next.js answers a proxy's error with a bare 500 and does not
    // report it to onRequestError, so a busy or down database is answered here, as staff routes answer it.
    if (asAppError(error)?.code !== 'UNAVAILABLE') throw error;
    return NextResponse.json({ error: BUSY_MESSAGE }, { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } });
  }
  return NextResponse.next();
}

export const config = { matcher: ['/admin/:path*'] };
