import { NextResponse, type NextRequest } from 'next/server';
import { crossSiteRefusalFor } from '@/app/_lib/same-origin';
import { isStaffRequest } from '@/lib/auth/staff-gate';
import { asAppError, BUSY_MESSAGE, RETRY_AFTER_SECONDS } from '@/lib/errors';
import { contentSecurityPolicy, newNonce } from '@/lib/http/content-security-policy';
import { isMediaPath, MEDIA_CSP } from '@/lib/http/media-response';

const refuse = (status: number, text: string) => new NextResponse(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * In front of every page, route and server action:
 * - a state-changing request from another site (lib/http/cross-site.ts) is refused with 403 before anything runs,
 *   but for the token-authenticated JSON API under /api/v1;
 * - a POST under /admin (staff server actions and routes) from someone who is not staff is refused with a real 403
 *   (a server action would answer 200 whatever it decides). Neither is the only gate: each action and route checks
 *   the origin and authorizes itself, including rank checks against the target;
 * - every response gets a Content-Security-Policy with a nonce of its own, which Next.js reads from the request
 *   and puts on the scripts it writes (so every page renders per request); uploaded images and NFOs get a
 *   policy of their own (lib/http/media-response.ts).
 */
export async function proxy(request: NextRequest) {
  // The JSON API authenticates by bearer token only, never by the session cookie: a request from another site
  // carries nothing of the member's there, so there is nothing to forge (and tools send no Origin).
  const crossSite = request.nextUrl.pathname.startsWith('/api/v1/') ? null : crossSiteRefusalFor(request);
  if (crossSite) return refuse(403, crossSite);
  if (request.method === 'POST' && request.nextUrl.pathname.startsWith('/admin')) {
    try {
      if (!(await isStaffRequest(request))) return refuse(403, 'Forbidden: staff only');
    } catch (error) {
      // The gate reads the member behind the session. Next.js answers a proxy's error with a bare 500 and does not
      // report it to onRequestError, so a busy or down database is answered here, as staff routes answer it.
      if (asAppError(error)?.code !== 'UNAVAILABLE') throw error;
      return NextResponse.json({ error: BUSY_MESSAGE }, { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } });
    }
  }
  // An uploaded image or NFO is not a page: it gets the policy that lets it do nothing at all.
  const csp = isMediaPath(request.nextUrl.pathname) ? MEDIA_CSP : contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === 'development' });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}

// Everything but build assets, which are files, not documents (and are loaded under the page's policy).
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
