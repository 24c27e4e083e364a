import { trackerMessages } from './messages';

export type TrackerRoute =
  | { ok: true; kind: 'announce' | 'scrape'; passkey: string; query: string }
  | { ok: false; reason: string };

const PREFIX = '/tracker/';

/**
 * `/tracker/<passkey>/announce?...` or `/tracker/<passkey>/scrape?...` (BEP 48 derives the scrape URL by
 * replacing `announce` in the last segment). The passkey's format is checked by the caller so a malformed one
 * counts as a failed lookup.
 */
export function parseTrackerRoute(url: string): TrackerRoute {
  // By hand rather than by a regular expression: this runs for every announce.
  const mark = url.indexOf('?');
  const end = mark === -1 ? url.length : mark;
  const slash = url.startsWith(PREFIX) ? url.indexOf('/', PREFIX.length) : -1;
  if (slash === -1 || slash >= end) return { ok: false, reason: trackerMessages.notFound };
  const last = url.slice(slash + 1, end);
  if (last !== 'announce' && last !== 'scrape') return { ok: false, reason: trackerMessages.notFound };
  return {
    ok: true,
    kind: last,
    passkey: url.slice(PREFIX.length, slash),
    query: mark === -1 ? '' : url.slice(mark + 1),
  };
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
