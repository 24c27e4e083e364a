import { describe, expect, it } from 'vitest';
import { isSameOrigin } from '@/app/_lib/same-origin';
import { crossSiteRefusal } from '@/lib/http/cross-site';

const request = (origin: string | null, host = 'tracker.example:3000') =>
  new Request('http://tracker.example:3000/admin/members/2/ban', {
    method: 'POST',
    headers: { host, ...(origin === null ? {} : { origin }), 'sec-fetch-site': 'same-origin' },
  });

describe('same-origin check for state-changing routes', () => {
  it.each([
    ['the site itself', 'http://tracker.example:3000', true],
    ['the site behind a TLS proxy (same host)', 'https://tracker.example:3000', true],
    ['no Origin header, same-origin fetch metadata', null, true],
    ['another site', 'https://evil.example', false],
    ['the same name on another port', 'http://tracker.example:4000', false],
    ['a sandboxed frame ("null")', 'null', false],
    ['garbage', '::::', false],
  ])('%s', (_name, origin, expected) => {
    expect(isSameOrigin(request(origin))).toBe(expected);
  });
});

const OURS = ['tracker.example:3000'];
const FOREIGN = 'Cross-site request refused: it comes from another site';
const UNPROVEN = 'Cross-site request refused: send it from the site (no Origin or Sec-Fetch-Site header)';

describe('crossSiteRefusal: a state-changing request needs proof that it comes from the site', () => {
  it.each<[string, string, Record<string, string>, string | null]>([
    ['a form post of the site (both headers)', 'POST', { origin: 'http://tracker.example:3000', 'sec-fetch-site': 'same-origin' }, null],
    ['fetch metadata alone', 'POST', { 'sec-fetch-site': 'same-origin' }, null],
    ['a same-origin Origin alone (a script without fetch metadata)', 'POST', { origin: 'http://tracker.example:3000' }, null],
    ['a navigation the user started', 'POST', { 'sec-fetch-site': 'none' }, null],
    ['neither header', 'POST', {}, UNPROVEN],
    ['no Origin and cross-site fetch metadata', 'POST', { 'sec-fetch-site': 'cross-site' }, FOREIGN],
    ['no Origin and same-site fetch metadata (a sibling subdomain)', 'POST', { 'sec-fetch-site': 'same-site' }, FOREIGN],
    ['a same-origin Origin with cross-site fetch metadata', 'POST', { origin: 'http://tracker.example:3000', 'sec-fetch-site': 'cross-site' }, FOREIGN],
    ['a foreign Origin with same-origin fetch metadata', 'POST', { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }, FOREIGN],
    ['a foreign Origin alone', 'DELETE', { origin: 'https://evil.example' }, FOREIGN],
    ['Origin "null"', 'PUT', { origin: 'null' }, FOREIGN],
    ['a GET from anywhere', 'GET', { 'sec-fetch-site': 'cross-site' }, null],
    ['a HEAD with nothing', 'HEAD', {}, null],
  ])('%s', (_name, method, headers, expected) => {
    expect(crossSiteRefusal({ method, headers: new Headers(headers) }, OURS)).toBe(expected);
  });
});
