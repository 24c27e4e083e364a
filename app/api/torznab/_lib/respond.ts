import 'server-only';
import { asAppError, RETRY_AFTER_SECONDS } from '@/lib/errors';
import { RateLimitedError } from '@/lib/services/api-tokens/authenticate-api-token';
import { TORZNAB_ERRORS, torznabError } from '@/lib/torznab/xml';

const XML = 'application/xml; charset=utf-8';

export function xml(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': XML, 'cache-control': 'private, no-store', ...headers } });
}

/** A refusal or failure as Torznab's `<error code description>`, with the HTTP status it means. */
export function torznabErrorResponse(thrown: unknown): Response {
  if (thrown instanceof RateLimitedError) {
    return xml(torznabError(TORZNAB_ERRORS.limitReached, thrown.userMessage), 429, { 'retry-after': String(thrown.retryAfterSeconds) });
  }
  const error = asAppError(thrown);
  if (!error) throw thrown;
  const codes = {
    BAD_REQUEST: [TORZNAB_ERRORS.badParameter, 400],
    UNAUTHORIZED: [TORZNAB_ERRORS.badCredentials, 401],
    FORBIDDEN: [error.userMessage === 'This account is banned' ? TORZNAB_ERRORS.suspended : TORZNAB_ERRORS.notAllowed, 403],
    NOT_FOUND: [TORZNAB_ERRORS.badParameter, 404],
    CONFLICT: [TORZNAB_ERRORS.unknown, 409],
    PAYLOAD_TOO_LARGE: [TORZNAB_ERRORS.unknown, 413],
    TOO_MANY_REQUESTS: [TORZNAB_ERRORS.limitReached, 429],
    UNAVAILABLE: [TORZNAB_ERRORS.unknown, 503],
  } as const;
  const [code, status] = codes[error.code];
  return xml(torznabError(code, error.userMessage), status, error.code === 'UNAVAILABLE' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {});
}
