import { describe, expect, it } from 'vitest';
import { formatAge, pageNumbers } from '@/lib/format';

const NOW = new Date('2026-12-07T12:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

describe('a torrent’s age in the list', () => {
  it.each([
    [3, 'just now'],
    [45, '45 seconds ago'],
    [60, '1 minute ago'],
    [3 * 3600 + 59, '3 hours ago'],
    [86_400, '1 day ago'],
    [40 * 86_400, '1 month ago'],
    [800 * 86_400, '2 years ago'],
  ])('%s seconds old reads “%s”', (seconds, text) => {
    expect(formatAge(ago(seconds), NOW)).toBe(text);
  });
});

describe('page numbers', () => {
  it.each<[number, number, (number | null)[]]>([
    [1, 1, [1]],
    [1, 4, [1, 2, 3, 4]],
    [1, 20, [1, 2, 3, null, 20]],
    [6, 20, [1, null, 4, 5, 6, 7, 8, null, 20]],
    [4, 20, [1, 2, 3, 4, 5, 6, null, 20]],
    [20, 20, [1, null, 18, 19, 20]],
  ])('page %s of %s shows %j', (current, last, shown) => {
    expect(pageNumbers(current, last)).toEqual(shown);
  });
});
