import { trackerMessages } from './messages';

export type TrackerRoute =
  | { ok: true; kind: 'announce' | 'scrape'; passkey: string; query: string }
  | { ok: false; reason: string };

const PATH = /^\/tracker\/([^/?]*)\/(announce|scrape)$/;

/**
 * `/tracker/<passkey>/announce?...` or `/tracker/<passkey>/scrape?...` (BEP 48 derives the scrape URL by
 * replacing `announce` in the last segment). The passkey's format is checked by the caller so a malformed one
 * counts as a failed lookup.
 */
export function parseTrackerRoute(url: string): TrackerRoute {
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  const match = PATH.exec(path);
  if (match === null) return { ok: false, reason: trackerMessages.notFound };
  return {
    ok: true,
    kind: match[2] === 'scrape' ? 'scrape' : 'announce',
    passkey: match[1] ?? '',
    query: mark === -1 ? '' : url.slice(mark + 1),
  };
}

export function isPasskeyFormat(passkey: string): boolean {
  return /^[0-9a-f]{32}$/.test(passkey);
}
