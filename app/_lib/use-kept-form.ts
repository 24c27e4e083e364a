'use client';

import { useTransition } from 'react';

/**
 * Submits a form to a useActionState dispatcher without React's automatic reset of the form afterwards, so a
 * member who gets a field error keeps what they typed (passwords included: they never leave the browser again).
 */
export function useKeptForm(dispatch: (payload: FormData) => void): (event: React.FormEvent<HTMLFormElement>) => void {
  const [, startTransition] = useTransition();
  return (event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
}
