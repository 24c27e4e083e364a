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
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
