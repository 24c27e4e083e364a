import 'server-only';
import { ZodError } from 'zod';
import { currentUser, type SessionUser } from '@/lib/auth/session';
import { asAppError, httpStatus, RETRY_AFTER_SECONDS } from '@/lib/errors';
import { fieldErrors } from '@/lib/validation/auth';
import { isSameOrigin } from './same-origin';

/** `data`: strings the form shows besides the message (a one-time link, say). */
type Handler<P> = (ctx: { actor: SessionUser; form: FormData; params: P }) => Promise<{ message: string; data?: Record<string, string> }>;

/**
 * A state-changing staff route: same-origin check, login check, form parsing, then the service, which
 * authorizes itself. Failures answer with their real status (401, 403, 404, 400; 503 with Retry-After when the
 * database is busy or down) and a JSON body the form shows next to the field.
 */
export function staffRoute<P>(handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    if (!isSameOrigin(request)) {
      return Response.json({ error: 'Cross-site request refused' }, { status: 403 });
    }
    try {
      const actor = await currentUser();
      if (!actor) return Response.json({ error: 'Please log in' }, { status: 401 });
      let form: FormData;
      try {
        form = await request.formData();
      } catch {
        return Response.json({ error: 'Send a form' }, { status: 400 });
      }
      return Response.json(await handler({ actor, form, params: await context.params }));
    } catch (thrown) {
      if (thrown instanceof ZodError) return Response.json({ error: 'Check the highlighted fields', fieldErrors: fieldErrors(thrown) }, { status: 400 });
      const error = asAppError(thrown);
      if (!error) throw thrown;
      const headers: Record<string, string> = error.code === 'UNAVAILABLE' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {};
      return Response.json({ error: error.userMessage, ...(error.field ? { fieldErrors: { [error.field]: error.userMessage } } : {}) }, { status: httpStatus(error.code), headers });
    }
  };
}

export function formObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
  return out;
}

export function idParam(value: string): number {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : -1;
}
