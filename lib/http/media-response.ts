/**
 * The policy of an uploaded image or NFO served on its own: nothing in it may load or run anything (an SVG or HTML
 * disguised as an image would find no script, style, frame or form to use), and it lives in a sandbox. proxy.ts sets
 * it for these paths instead of the pages' policy.
 */
export const MEDIA_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

/** The paths served with MEDIA_CSP: /torrents/<id>/images/<sha256> and /torrents/<id>/nfo. */
export const isMediaPath = (pathname: string) => /^\/torrents\/[^/]+\/(images\/[^/]+|nfo)$/.test(pathname);

const common = { 'x-content-type-options': 'nosniff', 'content-security-policy': MEDIA_CSP, 'cross-origin-resource-policy': 'same-origin' };

/**
 * An uploaded image: the type its bytes were checked to be, and cached for a year by the member's browser only
 * (`private`: the site is for members, no shared cache may keep it); its URL names its SHA-256, so it never changes.
 */
export function imageResponse(image: { contentType: string; bytes: Uint8Array; sha256: string }): Response {
  return new Response(Buffer.from(image.bytes), {
    headers: { ...common, 'content-type': image.contentType, 'cache-control': 'private, max-age=31536000, immutable', etag: `"${image.sha256}"` },
  });
}

/** An NFO's original bytes, as a download. */
export function nfoResponse(nfo: { filename: string; bytes: Uint8Array }): Response {
  const ascii = nfo.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(Buffer.from(nfo.bytes), {
    headers: {
      ...common,
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(nfo.filename)}`,
      'cache-control': 'private, no-cache',
    },
  });
}

export const textResponse = (status: number, text: string) => new Response(text, { status, headers: { ...common, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
