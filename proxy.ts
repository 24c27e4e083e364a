import { NextResponse, type NextRequest } from 'next/server';
import { isStaffRequest } from '@/lib/auth/staff-gate';

/**
 * Staff actions live under /admin (server actions and staff routes). A server action answers with status 200
 * whatever it decides, so a POST from someone who is not staff is refused here with a real 403 first. This is
 * not the only gate: each action and route authorizes itself, including rank checks against the target.
 */
export async function proxy(request: NextRequest) {
  if (request.method === 'POST' && !(await isStaffRequest(request))) {
    return new NextResponse('Forbidden: staff only', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return NextResponse.next();
}

export const config = { matcher: ['/admin/:path*'] };
