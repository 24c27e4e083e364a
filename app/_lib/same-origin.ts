/**
 * Whether a state-changing request comes from this site. Browsers send Origin on cross-site POSTs; a missing
 * header (same-origin navigation in older browsers, non-browser clients with a session cookie) is allowed, and
 * anything unparsable (such as the literal `null`) is refused rather than thrown.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  try {
    const host = new URL(origin).host;
    return host === new URL(request.url).host || host === request.headers.get('host');
  } catch {
    return false;
  }
}
