import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { asAppError } from '@/lib/errors';
import { safeReturnPath } from '@/lib/http/return-path';
import { CLIENT_IP_HEADER } from './client-ip';
import { authenticateUser } from '@/lib/services/authenticate-user';
import { loginSchema } from '@/lib/validation/auth';

/** How often a token's session version is re-checked against the database, at the latest. */
const RECHECK_MS = 60_000;

declare module 'next-auth' {
  interface Session {
    uid?: number;
    sv?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
    sv?: number;
    checkedAt?: number;
    revoked?: boolean;
  }
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().authSecret,
    session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
    pages: { signIn: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Username and password',
        credentials: { username: { type: 'text' }, password: { type: 'password' }, code: { type: 'text' } },
        async authorize(credentials, req) {
          const parsed = loginSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'Invalid login');
          const header = req.headers?.[CLIENT_IP_HEADER];
          const ip = (Array.isArray(header) ? header[0] : header) ?? 'unknown';
          try {
            const user = await authenticateUser({ input: parsed.data, ip });
            return { id: String(user.id), name: user.username, sv: user.sessionVersion };
          } catch (error) {
            // next-auth passes an Error's message to the login form (a busy or unreachable database says so);
            // anything else stays generic.
            throw new Error(asAppError(error)?.userMessage ?? 'Login failed');
          }
        },
      }),
    ],
    callbacks: {
      // Where next-auth sends a member after logging in or out: only this site's pages. Its default parses any
      // absolute callbackUrl with `new URL` and answers a malformed one with a 500.
      async redirect({ url, baseUrl }) {
        const path = safeReturnPath(url, baseUrl);
        return path ? `${baseUrl}${path}` : baseUrl;
      },
      async jwt({ token, user }) {
        const now = Date.now();
        if (user) {
          return { ...token, uid: Number(user.id), sv: (user as { sv?: number }).sv ?? 0, checkedAt: now };
        }
        if (token.revoked || token.uid === undefined) return { ...token, revoked: true };
        if (now - (token.checkedAt ?? 0) < RECHECK_MS) return token;
        const row = await db().user.findUnique({ where: { id: token.uid }, select: { sessionVersion: true, bannedAt: true } });
        const valid = row !== null && row.bannedAt === null && row.sessionVersion === token.sv;
        return valid ? { ...token, checkedAt: now } : { ...token, revoked: true };
      },
      async session({ session, token }) {
        if (token.revoked) return { expires: session.expires };
        return { ...session, uid: token.uid, sv: token.sv };
      },
    },
  };
}
