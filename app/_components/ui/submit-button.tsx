'use client';

import { useFormStatus } from 'react-dom';
import { buttonClass } from './button-class';

/** A submit button that shows progress while its form's action runs. */
export function SubmitButton({ children, pendingText, variant = 'primary', pending: given }: { children: React.ReactNode; pendingText?: string; variant?: 'primary' | 'danger' | 'secondary'; pending?: boolean }) {
  const status = useFormStatus();
  // A form submitted with onSubmit (useKeptForm) has no form status of its own: its owner passes `pending`.
  const pending = given ?? status.pending;
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass(variant)}>
      {pending ? (pendingText ?? 'Working…') : children}
    </button>
  );
}
