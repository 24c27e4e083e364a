import { describe, expect, it } from 'vitest';
import { PasskeyRateLimit } from '@/lib/tracker-server/passkey-rate-limit';
import { isPasskeyFormat, isTrackerTarget, parseTrackerRoute } from '@/lib/tracker-server/route';
import { trackerMessages } from '@/lib/tracker-server';
import { notifyTrackerChanged, trackerGeneration } from '@/lib/tracker-server/invalidate';
import { parseSqlDate, sqlDate } from '@/lib/tracker-server/sql-values';

describe('tracker routes', () => {
  const key = '0123456789abcdef0123456789abcdef';
  it.each([
    [`/tracker/${key}/announce?a=1`, { ok: true, kind: 'announce', passkey: key, query: 'a=1' }],
    [`/tracker/${key}/scrape?info_hash=x`, { ok: true, kind: 'scrape', passkey: key, query: 'info_hash=x' }],
    [`/tracker/${key}/announce`, { ok: true, kind: 'announce', passkey: key, query: '' }],
    [`/tracker/${key}/announce/`, { ok: false, reason: trackerMessages.notFound }],
    [`/tracker/${key}`, { ok: false, reason: trackerMessages.notFound }],
    ['/tracker/', { ok: false, reason: trackerMessages.notFound }],
    [`/tracker/a/b/announce`, { ok: false, reason: trackerMessages.notFound }],
    ['/tracker//announce?x', { ok: true, kind: 'announce', passkey: '', query: 'x' }],
    [`/tracker/${key}/announcement`, { ok: false, reason: trackerMessages.notFound }],
    [`/tracker/${key}?/announce`, { ok: false, reason: trackerMessages.notFound }],
    [`/trackers/${key}/announce`, { ok: false, reason: trackerMessages.notFound }],
    [`/announce?passkey=${key}&info_hash=x`, { ok: true, kind: 'announce', passkey: key, query: `passkey=${key}&info_hash=x` }],
    [`/announce?info_hash=x&passkey=${key}`, { ok: true, kind: 'announce', passkey: key, query: `info_hash=x&passkey=${key}` }],
    [`/scrape?passkey=${key}&info_hash=x`, { ok: true, kind: 'scrape', passkey: key, query: `passkey=${key}&info_hash=x` }],
    ['/announce?passkey=', { ok: true, kind: 'announce', passkey: '', query: 'passkey=' }],
    ['/announce?info_hash=x', { ok: false, reason: trackerMessages.passkeyMissing }],
    ['/announce', { ok: false, reason: trackerMessages.passkeyMissing }],
    ['/announce?xpasskey=abc', { ok: false, reason: trackerMessages.passkeyMissing }],
    [`/announce?passkey=${key}&passkey=${key}`, { ok: false, reason: trackerMessages.passkeyRepeated }],
    [`/announce/?passkey=${key}`, { ok: false, reason: trackerMessages.notFound }],
    [`/announcement?passkey=${key}`, { ok: false, reason: trackerMessages.notFound }],
    [`/x/announce?passkey=${key}`, { ok: false, reason: trackerMessages.notFound }],
  ])('parses %s', (url, expected) => {
    expect(parseTrackerRoute(url)).toEqual(expected);
  });

  it.each([
    [`/tracker/${key}/announce`, true], ['/tracker/', true], [`/announce?passkey=${key}`, true], ['/announce', true],
    ['/scrape?info_hash=x', true], ['/scrape', true],
    ['/announcement', false], ['/announce/', false], ['/scraper?x', false], ['/', false], ['/login', false], ['/tracker', false],
  ])('%s is a tracker target: %s', (url, expected) => {
    expect(isTrackerTarget(url)).toBe(expected);
  });

  it.each([
    [key, true],
    [key.toUpperCase(), false],
    [key.slice(1), false],
    [`${key}0`, false],
    ['g'.repeat(32), false],
    [`${key.slice(0, 31)}/`, false],
    [`${key.slice(0, 31)}:`, false],
    [`${key.slice(0, 31)}\``, false],
  ])('passkey format of %s is %s', (passkey, ok) => {
    expect(isPasskeyFormat(passkey)).toBe(ok);
  });
});

describe('unknown passkey rate limit', () => {
  it('blocks an address after the limit within the window, and forgets it after the window', () => {
    const limit = new PasskeyRateLimit(2, 1000);
    limit.recordFailure('a', 0);
    expect(limit.blocked('a', 10)).toBe(false);
    limit.recordFailure('a', 20);
    expect(limit.blocked('a', 30)).toBe(true);
    expect(limit.blocked('b', 30)).toBe(false);
    expect(limit.blocked('a', 1000)).toBe(false);
  });

  it('lets an address have only a few distinct passkeys looked up at once; the others wait their turn', () => {
    const limit = new PasskeyRateLimit(10, 1000, 100, 2, 2);
    const events: string[] = [];
    const lookup = (address: string, key: string) =>
      limit.lookup(address, key, () => events.push(`start ${address}/${key}`), () => events.push(`refuse ${address}/${key}`));
    expect(lookup('a', 'k1')).toBe(true);
    expect(lookup('a', 'k1')).toBe(true);
    expect(lookup('a', 'k2')).toBe(true);
    expect(lookup('a', 'k3')).toBe(true);
    expect(lookup('a', 'k4')).toBe(true);
    expect(lookup('a', 'k5')).toBe(false);
    expect(lookup('b', 'k3')).toBe(true);
    expect(events).toEqual(['start a/k1', 'start a/k1', 'start a/k2', 'start b/k3']);
    limit.lookupEnded('a', 'k1', 0);
    expect(events.slice(4)).toEqual(['start a/k3']);
    // The address gets blocked while k4 waits: k4 is refused instead of looked up.
    for (let i = 0; i < 10; i++) limit.recordFailure('a', 0);
    limit.lookupEnded('a', 'k2', 0);
    expect(events.slice(5)).toEqual(['refuse a/k4']);
  });
});

describe('stored values', () => {
  it('writes DateTime as Prisma does and reads every SQLite form back', () => {
    expect(sqlDate(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe('2026-01-02T03:04:05.678+00:00');
    expect(parseSqlDate('2026-01-02T03:04:05.678+00:00')).toBe(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    expect(parseSqlDate('2026-01-02 03:04:05')).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(parseSqlDate(1767323045678)).toBe(1767323045678);
    expect(parseSqlDate('yesterday')).toBeNull();
  });

  it('shares the invalidation counter through globalThis', () => {
    const before = trackerGeneration();
    notifyTrackerChanged();
    expect(trackerGeneration()).toBe(before + 1);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('giveback.trackerGeneration')]).toBe(before + 1);
  });
});
