import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { asAppError, BUSY_MESSAGE, RETRY_AFTER_SECONDS } from '@/lib/errors';

/**
 * Turns the 500 that Next.js answers when a page or route failed on a busy or unreachable database into a 503
 * with Retry-After and a page that says "try again in a moment".
 *
 * Next.js gives pages no way to choose a 5xx status: a server component that throws becomes a 500 and an error
 * document whose text only appears once JavaScript runs. So the web server notes, per request, whether Next.js
 * reported a database-unavailable error for it (instrumentation.ts `onRequestError`, which runs before the
 * response head is written), and answers for it when the head is a 5xx.
 *
 * The store lives on globalThis under a registered symbol because this module is loaded twice in one process:
 * by Node for server.ts and inside Next.js's server bundle for instrumentation.ts. It holds one flag per request
 * in flight and nothing shared between processes.
 */
interface Outcome {
  databaseUnavailable: boolean;
}

const KEY = Symbol.for('giveback.request-outcome');
const holder = globalThis as { [KEY]?: AsyncLocalStorage<Outcome> };
const outcomes = (holder[KEY] ??= new AsyncLocalStorage<Outcome>());

/** Records that the current request failed because the database is busy or down (Next.js's onRequestError). */
export function noteRequestError(error: unknown): void {
  const outcome = outcomes.getStore();
  if (outcome && asAppError(error)?.code === 'UNAVAILABLE') outcome.databaseUnavailable = true;
}

/** Serves one request through `serve`, answering 503 for it if it failed on the database. */
export function serveWithUnavailableAnswer(req: IncomingMessage, res: ServerResponse, serve: () => Promise<void>): Promise<void> {
  const outcome: Outcome = { databaseUnavailable: false };
  const writeHead = res.writeHead;
  const end = res.end;
  // Node writes every head through writeHead, the implicit one of a first write() included.
  const answer = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    if (statusCode < 500 || !outcome.databaseUnavailable) return (writeHead as (...args: unknown[]) => ServerResponse).call(this, statusCode, ...rest);
    const body = unavailableBody(req);
    for (const name of ['content-length', 'content-encoding', 'etag', 'transfer-encoding']) this.removeHeader(name);
    writeHead.call(this, 503, {
      'content-type': body.type,
      'content-length': Buffer.byteLength(body.text),
      'retry-after': String(RETRY_AFTER_SECONDS),
      'cache-control': 'no-store',
    });
    (end as (chunk: string) => ServerResponse).call(this, body.text);
    // Whatever Next.js still writes (its error document) goes nowhere: this response is complete.
    this.write = () => true;
    this.end = function (this: ServerResponse) {
      return this;
    } as ServerResponse['end'];
    return this;
  };
  res.writeHead = answer as ServerResponse['writeHead'];
  return outcomes.run(outcome, serve);
}

function unavailableBody(req: IncomingMessage): { type: string; text: string } {
  const accept = req.headers.accept ?? '';
  if (!accept.includes('text/html')) return { type: 'application/json', text: JSON.stringify({ error: BUSY_MESSAGE }) };
  return { type: 'text/html; charset=utf-8', text: PAGE };
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Try again in a moment</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>
</head><body><h1>Try again in a moment</h1><p>${BUSY_MESSAGE}</p><p><a href="">Reload</a></p></body></html>
`;
