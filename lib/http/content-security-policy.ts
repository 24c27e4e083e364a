import { randomBytes } from 'node:crypto';

/** A fresh nonce for one response: 128 random bits, base64 as CSP's `'nonce-…'` expects. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The site's Content-Security-Policy for one response. Inline scripts run only with this response's nonce (Next.js
 * reads it from the request's CSP header and puts it on every script it writes); script files only from the site
 * itself, which serves no file a browser would run as script but its build (uploads are served as
 * application/x-bittorrent with `nosniff`). Nothing else runs: no inline script without the nonce, whether in the
 * HTML or added by a script, no event-handler attribute, no `data:` or foreign script. `'strict-dynamic'` (which
 * Next.js's example adds) is left out on purpose: it lets any script a page's code adds run, inline ones included,
 * and the site loads no third-party code that would need it. Styles likewise need the nonce when inline; the site's
 * CSS is one stylesheet and it writes no style attributes. `dev` adds what React's development build needs (eval
 * for its error overlays).
 *
 * `same-origin` referrers keep the passkey (in announce URLs and on the settings page) out of any Referer sent
 * elsewhere; that header is set in next.config.ts.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${options.dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
