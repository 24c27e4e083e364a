'use client';

import { useFormStatus } from 'react-dom';
import { buttonClass } from './button-class';

/** A submit button that shows progress while its form's action runs. */
export function SubmitButton({ children, pendingText, variant = 'primary' }: { children: React.ReactNode; pendingText?: string; variant?: 'primary' | 'danger' | 'secondary' }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass(variant)}>
      {pending ? (pendingText ?? 'Working…') : children}
    </button>
  );
}
