import { isDatabaseUnavailable } from '@/lib/db/errors';

/** One error type for the server layer; the web edge maps `code` to an HTTP status with `httpStatus`. */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE';

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
};

/**
 * Next.js keeps an error's own `digest` when it hides a server error from the browser, and the page's error
 * boundary receives it: with this one the boundary can say "busy, try again" rather than "something went wrong".
 */
export const UNAVAILABLE_DIGEST = 'GIVEBACK_UNAVAILABLE';

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  /** The form field the message belongs next to, when there is one. */
  readonly field: string | undefined;
  readonly digest: string | undefined;

  constructor(code: AppErrorCode, options: { userMessage: string; field?: string }) {
    super(options.userMessage);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage;
    this.field = options.field;
    this.digest = code === 'UNAVAILABLE' ? UNAVAILABLE_DIGEST : undefined;
  }
}

export function httpStatus(code: AppErrorCode): number {
  return STATUS[code];
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** What a member reads when the database is busy or down: nothing they did was wrong, and waiting helps. */
export const BUSY_MESSAGE = 'The site is busy, try again in a moment.';

/** Seconds a 503 asks clients to wait (`Retry-After`): a restarting database is usually back within that. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The AppError a failure means for the member: itself, the "busy, try again" error when the database is busy
 * or unreachable (lib/db/errors.ts), or null for a bug, which stays a 500.
 */
export function asAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (isDatabaseUnavailable(error)) return new AppError('UNAVAILABLE', { userMessage: BUSY_MESSAGE });
  return null;
}
