import { describe, expect, it } from 'vitest';
import { MAX_MEDIA_BYTES } from '@/lib/http/media-fields';
import { MAX_FORM_BYTES } from '@/lib/http/upload-form';
import nextConfig from '@/next.config';

describe("the proxy's body limit", () => {
  // Next.js buffers a request body for proxy.ts up to proxyClientMaxBodySize and cuts the rest without an error:
  // a form larger than the limit would reach its route truncated and be refused as "not a multipart form".
  const limit = nextConfig.experimental?.proxyClientMaxBodySize;

  it('covers the largest upload form (a .torrent, a poster, the screenshots and an NFO at their caps)', () => {
    expect(typeof limit).toBe('number');
    expect(limit as number).toBeGreaterThanOrEqual(MAX_FORM_BYTES);
  });

  it("covers the edit page's images and NFO form", () => {
    expect(limit as number).toBeGreaterThanOrEqual(MAX_MEDIA_BYTES + 64 * 1024);
  });
});
