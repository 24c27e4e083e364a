import 'server-only';
import { headers } from 'next/headers';
import { forbidden, unauthorized } from 'next/navigation';
import type { z } from 'zod';
import { asAppError } from '@/lib/errors';
import { fieldErrors } from '@/lib/validation/auth';
import type { FormState } from './form-state';
import { crossSiteRefusalFor } from './same-origin';

/**
 * Runs a form action's service call and maps failures to form state. Authorization failures are not form
 * errors: they answer 403/401, so a forged POST gets the same refusal as a forged page load. A busy or
 * unreachable database is a message next to the form ("try again in a moment"), not a crashed action.
 * A cross-site post is refused with 403 before the work runs (proxy.ts refuses it first; this is the second gate,
 * since Next.js itself lets an action through when the request has no Origin).
 */
export async function runAction(work: () => Promise<FormState | void>, values?: Record<string, string>): Promise<FormState> {
  const sent = await headers();
  if (crossSiteRefusalFor({ method: 'POST', url: '/', headers: sent }) !== null) forbidden();
  try {
    return (await work()) ?? { status: 'ok' };
  } catch (thrown) {
    const error = asAppError(thrown);
    if (!error) throw thrown;
    if (error.code === 'FORBIDDEN') forbidden();
    if (error.code === 'UNAUTHORIZED' && !error.field) unauthorized();
    return error.field
      ? { status: 'error', fieldErrors: { [error.field]: error.userMessage }, values }
      : { status: 'error', message: error.userMessage, values };
  }
}

/** Form data as strings; files and repeated keys are not expected by these forms. */
export function formValues(form: FormData, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const v = form.get(key);
    out[key] = typeof v === 'string' ? v : '';
  }
  return out;
}

export function invalid(error: z.ZodError, values?: Record<string, string>): FormState {
  return { status: 'error', fieldErrors: fieldErrors(error), values };
}
