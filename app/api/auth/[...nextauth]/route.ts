import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { env } from '@/lib/env';
import { safeReturnPath } from '@/lib/http/return-path';

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(withoutForeignCallbackUrl(req) as never, { params: await ctx.params } as never, authOptions()) as Promise<Response>;
}

/**
 * next-auth answers any request whose `callbackUrl` query it cannot parse as a URL with a 500 ("server
 * configuration" error), before its redirect callback is asked. A callbackUrl that is not one of this site's pages
 * is dropped here instead, so the request goes on as if none was given (and ends on the home page).
 */
function withoutForeignCallbackUrl(req: NextRequest): NextRequest {
  const value = req.nextUrl.searchParams.get('callbackUrl');
  if (value === null || safeReturnPath(value, env().publicUrl) !== null) return req;
  const url = req.nextUrl.clone();
  url.searchParams.delete('callbackUrl');
  const init: ConstructorParameters<typeof NextRequest>[1] & { duplex?: 'half' } = { method: req.method, headers: req.headers };
  if (req.body) Object.assign(init, { body: req.body, duplex: 'half' });
  return new NextRequest(url, init);
}

export { handler as GET, handler as POST };
