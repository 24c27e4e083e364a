/** What a form's server action returns: a message for the form and one per field, shown next to it. */
export interface FormState {
  status: 'idle' | 'ok' | 'error';
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Values to put back into the form after an error (never passwords). */
  values?: Record<string, string>;
  data?: Record<string, string>;
}

export const idle: FormState = { status: 'idle' };
