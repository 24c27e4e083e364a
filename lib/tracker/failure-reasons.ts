/**
 * Every `failure reason` text the request parsers can return, in one table so the contract tests and the
 * HTTP layer agree on the exact wording. Sent to clients in a bencoded `failure reason` (BEP 3), so they are
 * short, lower-case ASCII and name the offending parameter.
 */
export const failureReasons = {
  queryTooLong: 'query string too long',
  malformedPercent: 'malformed percent-encoding in query string',
  invalidCharacter: 'invalid character in query string',
  duplicate: (name: string) => `duplicate parameter: ${name}`,
  missing: (name: string) => `missing ${name}`,
  wrongLength: (name: string, expected: number, got: number) =>
    `invalid ${name}: must be ${expected} bytes, got ${got}`,
  invalidPort: 'invalid port: must be 1-65535',
  notAnInteger: (name: string) => `invalid ${name}: must be a non-negative integer`,
  exceeds63Bits: (name: string) => `invalid ${name}: exceeds 63 bits`,
  invalidEvent: (quoted: string) => `invalid event: ${quoted}`,
  notAFlag: (name: string) => `invalid ${name}: must be 0 or 1`,
  keyTooLong: 'invalid key: must be at most 64 bytes',
  invalidIp: (quoted: string) => `invalid ip: ${quoted}`,
  scrapeRequiresInfoHash: 'scrape requires info_hash',
  scrapeTooMany: 'too many info_hash values (max 100)',
} as const;
