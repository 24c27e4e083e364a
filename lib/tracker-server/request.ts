import type { IncomingMessage } from 'node:http';

/**
 * What the tracker reads of an HTTP request, whichever server parsed it (the tracker's own front door or
 * node:http). Header values are as received; a repeated X-Forwarded-For is joined with `,`.
 */
export interface TrackerRequest {
  method: string;
  /** The request target: path and query, e.g. `/tracker/<passkey>/announce?...`. */
  url: string;
  /** The socket's peer address as Node reports it (IPv4-mapped IPv6 included). */
  remoteAddress: string;
  userAgent: string | undefined;
  acceptLanguage: string | undefined;
  referer: string | undefined;
  forwardedFor: string | undefined;
}

/**
 * Where the reply to one request goes: `send` is called exactly once with the bencoded body (HTTP 200
 * text/plain). An object rather than a callback, so the hot path creates no closure per request.
 */
export interface TrackerReply {
  send(body: Uint8Array): void;
}

export function fromIncomingMessage(req: IncomingMessage): TrackerRequest {
  const h = req.headers;
  const xff = h['x-forwarded-for'];
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '',
    remoteAddress: req.socket.remoteAddress ?? '',
    userAgent: h['user-agent'],
    acceptLanguage: h['accept-language'],
    referer: h.referer,
    forwardedFor: Array.isArray(xff) ? xff.join(',') : xff,
  };
}
