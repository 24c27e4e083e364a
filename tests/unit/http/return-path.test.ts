import { describe, expect, it } from 'vitest';
import { loginHref, safeReturnPath } from '@/lib/http/return-path';

const ORIGIN = 'http://127.0.0.1:3402';

describe('safeReturnPath: only this site\'s pages', () => {
  it.each<[string, unknown, string | null]>([
    ['a page', '/torrents?q=linux', '/torrents?q=linux'],
    ['a page on this origin, absolute', 'http://127.0.0.1:3402/settings#passkey', '/settings#passkey'],
    ['the malformed host of the review', 'http://127.0.0.1:3402.evil.example/', null],
    ['another site', 'https://evil.example/settings', null],
    ['a protocol-relative URL', '//evil.example/', null],
    ['a backslash that browsers read as a slash', '/\\evil.example/', null],
    ['a javascript: URL', 'javascript:alert(1)', null],
    ['a control character', '/settings\n', null],
    ['a relative path without a slash', 'settings', null],
    ['nothing', undefined, null],
    ['a repeated parameter', ['/a', '/b'], null],
    ['something too long', `/${'a'.repeat(3000)}`, null],
  ])('%s', (_name, value, expected) => {
    expect(safeReturnPath(value, ORIGIN)).toBe(expected);
  });

  it('links to the login page with the page to return to', () => {
    expect(loginHref('/settings')).toBe('/login?callbackUrl=%2Fsettings');
    expect(loginHref('/')).toBe('/login');
    expect(loginHref('/login?callbackUrl=%2Fx')).toBe('/login');
    expect(loginHref('//evil.example')).toBe('/login');
  });
});
