import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, BUSY_MESSAGE } from '@/lib/errors';
import { noteRequestError, serveWithUnavailableAnswer } from '@/lib/http/unavailable-response';

/**
 * The web server's answer for a request that Next.js failed with a 500: a 503 "try again" when the failure was
 * the database's, the 500 unchanged otherwise. The handler here stands in for Next.js: it reports the error
 * (as Next.js calls onRequestError) and then writes its error document.
 */
const UNREACHABLE = { code: 'P1001', meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } };
let server: Server | undefined;

async function serve(handler: (res: import('node:http').ServerResponse) => Promise<void>): Promise<string> {
  server = createServer((req, res) => void serveWithUnavailableAnswer(req, res, () => handler(res)));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

const nextErrorDocument = async (res: import('node:http').ServerResponse, status = 500) => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.write('<html id="__next_error__"><body>');
  res.end('</body></html>');
};

describe('a request that failed on the database', () => {
  it('answers 503 with Retry-After and a page that says to try again', async () => {
    const url = await serve(async (res) => {
      noteRequestError(UNREACHABLE);
      await nextErrorDocument(res);
    });
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '5']);
    const body = await response.text();
    expect(body).toContain(BUSY_MESSAGE);
    expect(body).not.toContain('__next_error__');
  });

  it('answers JSON to a client that does not ask for HTML', async () => {
    const url = await serve(async (res) => {
      noteRequestError(new AppError('UNAVAILABLE', { userMessage: BUSY_MESSAGE }));
      await nextErrorDocument(res);
    });
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    expect([response.status, await response.json()]).toEqual([503, { error: BUSY_MESSAGE }]);
  });

  it('leaves a page that rendered anyway as it is', async () => {
    const url = await serve(async (res) => {
      noteRequestError(UNREACHABLE);
      await nextErrorDocument(res, 200);
    });
    expect((await fetch(url)).status).toBe(200);
  });
});

describe('any other failure', () => {
  it('stays a 500', async () => {
    const url = await serve(async (res) => {
      noteRequestError(new Error('a bug'));
      await nextErrorDocument(res);
    });
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    expect([response.status, await response.text()]).toEqual([500, '<html id="__next_error__"><body></body></html>']);
  });
});
