import { describe, expect, it } from 'vitest';
import { isMediaPath } from '@/lib/http/media-response';

describe('paths served with the media policy instead of the pages\' policy', () => {
  it.each([
    [`/torrents/12/images/${'a'.repeat(64)}`, true],
    ['/torrents/12/nfo', true],
    ['/torrents/12', false],
    ['/torrents/12/edit', false],
    ['/torrents/12/media', false],
    ['/torrents/12/download', false],
    ['/torrents/12/images', false],
    [`/torrents/12/images/${'a'.repeat(64)}/x`, false],
    ['/upload', false],
  ])('%s: %s', (path, media) => {
    expect(isMediaPath(path)).toBe(media);
  });
});
