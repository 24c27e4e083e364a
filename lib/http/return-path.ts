/** Longest return path kept; anything longer is dropped rather than cut. */
const MAX_LENGTH = 2048;

/**
 * The page to return to after logging in, when `value` names one of this site's pages: a path that starts with one
 * `/` (not `//` or `/\\`, which browsers read as another host), without control characters, or an absolute URL on
 * `origin` (reduced to its path). Anything else (another site, a malformed URL, a `javascript:` URL) is null, and
 * the caller falls back to the home page. Never throws.
 */
export function safeReturnPath(value: unknown, origin?: string): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  if (value.startsWith('/')) return value.startsWith('//') ? null : value;
  if (origin === undefined) return null;
  try {
    const url = new URL(value);
    return url.origin === new URL(origin).origin ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

/** The login page's address for someone sent there from `path`. */
export function loginHref(path: string | null): string {
  const back = safeReturnPath(path);
  return back && back !== '/' && !back.startsWith('/login') ? `/login?callbackUrl=${encodeURIComponent(back)}` : '/login';
}
