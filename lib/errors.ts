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

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  /** The form field the message belongs next to, when there is one. */
  readonly field: string | undefined;

  constructor(code: AppErrorCode, options: { userMessage: string; field?: string }) {
    super(options.userMessage);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage;
    this.field = options.field;
  }
}

export function httpStatus(code: AppErrorCode): number {
  return STATUS[code];
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
