import { crossSiteRefusal, ownHosts } from '@/lib/http/cross-site';
import { env } from '@/lib/env';

/**
 * Whether a state-changing request comes from this site (lib/http/cross-site.ts has the rule): proxy.ts refuses
 * the others before any route or server action runs, and each route checks again.
 */
export function isSameOrigin(request: Request): boolean {
  return crossSiteRefusalFor(request) === null;
}

export function crossSiteRefusalFor(request: { method: string; url: string; headers: Pick<Headers, 'get'> }): string | null {
  const hosts = ownHosts(request.headers, env().publicUrl);
  try {
    hosts.push(new URL(request.url).host);
  } catch {
    // A relative URL: the Host header is already there.
  }
  return crossSiteRefusal(request, hosts);
}
