import { NextResponse, type NextRequest } from 'next/server';
import { isStaffRequest } from '@/lib/auth/staff-gate';

/**
 * Staff actions live under /admin. A server action answers with status 200 whatever it decides, so a forged
 * POST to one is refused here with a real 403 first. This is not the only gate: each action authorizes itself.
 */
export async function proxy(request: NextRequest) {
  if (request.method === 'POST' && request.headers.has('next-action') && !(await isStaffRequest(request))) {
    return new NextResponse('Forbidden: staff only', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return NextResponse.next();
}

export const config = { matcher: ['/admin/:path*'] };
