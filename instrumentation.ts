import { noteRequestError } from '@/lib/http/unavailable-response';

/**
 * Next.js reports every error of a request here, before it writes the answer's head: a busy or down database
 * makes that request's answer a 503 (lib/http/unavailable-response.ts).
 */
export function onRequestError(error: unknown): void {
  noteRequestError(error);
}
