type HeaderReader = Pick<Headers, 'get'>;

/** Methods that never change state here; everything else must come from the site itself. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a state-changing request is refused as cross-site, or null when it comes from the site itself.
 *
 * A browser says where a request comes from in two ways: fetch metadata (`Sec-Fetch-Site`, sent by every current
 * browser) and `Origin` (sent on every POST by current browsers). A request is accepted only with positive proof:
 * `Sec-Fetch-Site: same-origin` (or `none`, a navigation the user started), or an `Origin` whose host is one of
 * `ownHosts`. Whatever is present must agree: a same-origin claim with a foreign Origin is refused. A request with
 * neither (an old browser, a hand-made request carrying someone's cookie) is refused too: there is no way to tell
 * it from a forgery, and the site's own forms always send both.
 */
export function crossSiteRefusal(request: { method: string; headers: HeaderReader }, ownHosts: readonly string[]): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  const originIsOurs = origin !== null && ownHosts.includes(hostOf(origin) ?? '\0');
  if (origin !== null && !originIsOurs) return 'Cross-site request refused: it comes from another site';
  if (site !== null) {
    if (site === 'same-origin' || site === 'none') return null;
    // same-site: a sibling subdomain; only its own Origin proving it is this site would do, and it cannot.
    if (site === 'same-site' && originIsOurs) return null;
    return 'Cross-site request refused: it comes from another site';
  }
  return originIsOurs ? null : 'Cross-site request refused: send it from the site (no Origin or Sec-Fetch-Site header)';
}

function hostOf(origin: string): string | null {
  if (origin === 'null') return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** The hosts a request's Origin may name: the Host it was sent to, and the site's public address. */
export function ownHosts(headers: HeaderReader, publicUrl: string): string[] {
  const hosts = [new URL(publicUrl).host];
  const host = headers.get('host');
  if (host) hosts.push(host);
  return hosts;
}
