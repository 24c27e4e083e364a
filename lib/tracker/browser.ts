export interface RequestHeaders {
  userAgent?: string;
  acceptLanguage?: string;
  referer?: string;
}

/**
 * True when an announce looks like it came from a web browser rather than a BitTorrent client: a `Mozilla/`
 * user agent, or an Accept-Language or Referer header, none of which BitTorrent clients send. Refusing these
 * keeps a passkey URL opened in a browser (or fetched by a page) from registering as a peer.
 */
export function looksLikeBrowser(headers: RequestHeaders): boolean {
  if (headers.acceptLanguage !== undefined && headers.acceptLanguage !== '') return true;
  if (headers.referer !== undefined && headers.referer !== '') return true;
  return headers.userAgent !== undefined && /^\s*mozilla\//i.test(headers.userAgent);
}
