import type { NextConfig } from 'next';

// The passkey is in announce URLs and on the settings page: `same-origin` keeps it out of any Referer sent
// elsewhere. The Content-Security-Policy has a nonce per response, so proxy.ts sets it.
export const securityHeaders = [
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ['argon2', 'better-sqlite3', '@prisma/adapter-better-sqlite3'],
  experimental: {
    authInterrupts: true,
    // proxy.ts runs on every request, and Next.js buffers a body for it up to this size, silently cutting the rest
    // (default 10 MiB): an upload with images would reach its route cut short and fail to parse. It must cover the
    // largest form the site reads (lib/http/upload-form.ts, MAX_FORM_BYTES; tests/unit/http/body-limits.test.ts).
    proxyClientMaxBodySize: 32 * 1024 * 1024,
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
