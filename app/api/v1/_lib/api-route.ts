import 'server-only';
import { CLIENT_IP_HEADER } from '@/lib/auth/client-ip';
import { asAppError, type AppErrorCode, httpStatus, RETRY_AFTER_SECONDS } from '@/lib/errors';
import { type ApiActor, authenticateApiToken, RateLimitedError } from '@/lib/services/api-tokens/authenticate-api-token';
import type { ApiScope } from '@/lib/validation/api-token';
import type { ApiError } from '@/lib/validation/api-v1';

type Params = Record<string, string>;
type Handler<P extends Params> = (context: { actor: ApiActor; request: Request; params: P }) => Promise<Response>;

/** The token of a request: `Authorization: Bearer <token>`, or `apikey=` in the query (what Torznab clients send). */
export function requestToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (header) return /^Bearer\s+(.+)$/i.exec(header)?.[1] ?? header;
  return new URL(request.url).searchParams.get('apikey');
}

export function requestIp(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) ?? 'unknown';
}

export function apiError(code: AppErrorCode, message: string, extra: Omit<ApiError['error'], 'code' | 'message'> = {}, headers: HeadersInit = {}): Response {
  const body: ApiError = { error: { code, message, ...extra } };
  const h = new Headers(headers);
  h.set('cache-control', 'no-store');
  if (code === 'UNAUTHORIZED') h.set('www-authenticate', 'Bearer realm="api"');
  return Response.json(body, { status: httpStatus(code), headers: h });
}

/** An error thrown by a handler or the layer below as the API's one error shape; bugs stay 500s. */
export function errorResponse(thrown: unknown): Response {
  if (thrown instanceof RateLimitedError) return apiError(thrown.code, thrown.userMessage, {}, { 'retry-after': String(thrown.retryAfterSeconds) });
  const error = asAppError(thrown);
  if (!error) throw thrown;
  const headers: HeadersInit = error.code === 'UNAVAILABLE' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {};
  return apiError(error.code, error.userMessage, error.field ? { field: error.field } : {}, headers);
}

/**
 * A JSON API route: authenticates the bearer token for `scope`, then runs the handler; every refusal and failure
 * answers `{ error: { code, message } }` with its status (401, 403, 404, 429 with Retry-After, 503 with Retry-After).
 */
export function apiRoute<P extends Params = Params>(scope: ApiScope, handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await authenticateApiToken({ token: requestToken(request), scope, ip: requestIp(request) });
      return await handler({ actor, request, params: await context.params });
    } catch (thrown) {
      return errorResponse(thrown);
    }
  };
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'private, no-store' } });
}
