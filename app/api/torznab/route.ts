import { torznabErrorResponse, xml } from '@/app/api/torznab/_lib/respond';
import { requestIp, requestToken } from '@/app/api/v1/_lib/api-route';
import { authenticateApiToken } from '@/lib/services/api-tokens/authenticate-api-token';
import { torznabCaps, torznabSearch } from '@/lib/services/torznab/search-torznab';
import { torznabError } from '@/lib/torznab/xml';
import { parseTorznabQuery } from '@/lib/validation/torznab';

/** Torznab for Prowlarr and Jackett: `t=caps|search|tvsearch|movie`, authenticated by an API token with `read` (`apikey`). */
export async function GET(request: Request) {
  try {
    const token = requestToken(request);
    await authenticateApiToken({ token, scope: 'read', ip: requestIp(request) });
    const parsed = parseTorznabQuery(new URL(request.url).searchParams);
    if (!parsed.ok) return xml(torznabError(parsed.code, parsed.message), 400);
    if (parsed.value.t === 'caps') return xml(await torznabCaps());
    return xml(await torznabSearch({ query: parsed.value, token: token ?? '' }));
  } catch (thrown) {
    return torznabErrorResponse(thrown);
  }
}
