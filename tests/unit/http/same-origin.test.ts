import { describe, expect, it } from 'vitest';
import { isSameOrigin } from '@/app/_lib/same-origin';

const request = (origin: string | null, host = 'tracker.example:3000') =>
  new Request('http://tracker.example:3000/admin/members/2/ban', {
    method: 'POST',
    headers: { host, ...(origin === null ? {} : { origin }) },
  });

describe('same-origin check for state-changing routes', () => {
  it.each([
    ['the site itself', 'http://tracker.example:3000', true],
    ['the site behind a TLS proxy (same host)', 'https://tracker.example:3000', true],
    ['no Origin header', null, true],
    ['another site', 'https://evil.example', false],
    ['the same name on another port', 'http://tracker.example:4000', false],
    ['a sandboxed frame ("null")', 'null', false],
    ['garbage', '::::', false],
  ])('%s', (_name, origin, expected) => {
    expect(isSameOrigin(request(origin))).toBe(expected);
  });
});
