import { trackerMessages } from './messages';

export type TrackerRoute =
  | { ok: true; kind: 'announce' | 'scrape'; passkey: string; query: string }
  | { ok: false; reason: string };

const PREFIX = '/tracker/';
const PASSKEY_PARAM = 'passkey=';

/**
 * Whether a request target is the tracker's: `/tracker/...`, or exactly `/announce` or `/scrape` (with or without
 * a query). The front door and the site's server both route by it, so the two always agree.
 */
export function isTrackerTarget(url: string): boolean {
  if (url.startsWith(PREFIX)) return true;
  return isBarePath(url, '/announce') || isBarePath(url, '/scrape');
}

/**
 * `/tracker/<passkey>/announce?...` or `/tracker/<passkey>/scrape?...` (BEP 48 derives the scrape URL by
 * replacing `announce` in the last segment), or `/announce?passkey=<passkey>&...` and the matching `/scrape`:
 * libtorrent (qBittorrent, Deluge) contacts a tracker on a loopback or private address only when the URL's path
 * is exactly `/announce` (its SSRF mitigation, on by default). The passkey's format is checked by the caller so
 * a malformed one counts as a failed lookup.
 */
export function parseTrackerRoute(url: string): TrackerRoute {
  // By hand rather than by a regular expression: this runs for every announce.
  const mark = url.indexOf('?');
  const end = mark === -1 ? url.length : mark;
  const query = mark === -1 ? '' : url.slice(mark + 1);
  if (!url.startsWith(PREFIX)) return parseBareRoute(url.slice(0, end), query);
  const slash = url.indexOf('/', PREFIX.length);
  if (slash === -1 || slash >= end) return { ok: false, reason: trackerMessages.notFound };
  const last = url.slice(slash + 1, end);
  if (last !== 'announce' && last !== 'scrape') return { ok: false, reason: trackerMessages.notFound };
  return { ok: true, kind: last, passkey: url.slice(PREFIX.length, slash), query };
}

/** `/announce` or `/scrape` with the passkey as the query's one `passkey` parameter (left in the query, which ignores it). */
function parseBareRoute(path: string, query: string): TrackerRoute {
  if (path !== '/announce' && path !== '/scrape') return { ok: false, reason: trackerMessages.notFound };
  let passkey: string | null = null;
  for (let at = 0; at <= query.length;) {
    let next = query.indexOf('&', at);
    if (next === -1) next = query.length;
    if (query.startsWith(PASSKEY_PARAM, at)) {
      if (passkey !== null) return { ok: false, reason: trackerMessages.passkeyRepeated };
      passkey = query.slice(at + PASSKEY_PARAM.length, next);
    }
    at = next + 1;
  }
  if (passkey === null) return { ok: false, reason: trackerMessages.passkeyMissing };
  return { ok: true, kind: path === '/announce' ? 'announce' : 'scrape', passkey, query };
}

function isBarePath(url: string, path: string): boolean {
  return url.startsWith(path) && (url.length === path.length || url.charCodeAt(path.length) === 0x3f);
}

/** 32 lower-case hex characters. */
export function isPasskeyFormat(passkey: string): boolean {
  if (passkey.length !== 32) return false;
  for (let i = 0; i < 32; i++) {
    const c = passkey.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}
