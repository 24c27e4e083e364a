'use client';

import { useEffect, useId, useRef } from 'react';
import { buttonClass } from './button-class';

type Variant = 'primary' | 'danger' | 'secondary';

/**
 * A submit button that first asks: it opens a modal dialog that says what will happen, and only the dialog's
 * confirm button submits the surrounding form. Escape or Cancel closes it with nothing sent.
 */
export function ConfirmSubmit({ label, title, children, confirmLabel, variant = 'danger', pending = false }: {
  label: string;
  title: string;
  children: React.ReactNode;
  confirmLabel?: string;
  variant?: Variant;
  pending?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const confirmed = useRef(false);
  // Enter in one of the form's fields submits it too (through the form's default button, which is the confirm
  // button even while its dialog is closed): only a click on the confirm button of the open dialog gets through.
  useEffect(() => {
    const form = dialog.current?.closest('form');
    if (!form) return;
    const ask = (event: SubmitEvent) => {
      if (confirmed.current) {
        confirmed.current = false;
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      dialog.current?.showModal();
    };
    form.addEventListener('submit', ask);
    return () => form.removeEventListener('submit', ask);
  }, []);
  const onConfirm = (event: React.MouseEvent<HTMLButtonElement>) => {
    if (!dialog.current?.open) {
      event.preventDefault();
      dialog.current?.showModal();
      return;
    }
    confirmed.current = true;
    dialog.current.close();
  };

  return (
    <>
      <button type="button" disabled={pending} aria-busy={pending} aria-haspopup="dialog" className={buttonClass(variant)} onClick={() => dialog.current?.showModal()}>
        {pending ? 'Working…' : label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">{title}</h2>
        <div id={`${id}-body`} className="mt-2 space-y-2 text-sm text-zinc-700 dark:text-zinc-300">{children}</div>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <button type="button" className={buttonClass('secondary')} onClick={() => dialog.current?.close()} autoFocus>Cancel</button>
          <button type="submit" className={buttonClass(variant)} onClick={onConfirm}>{confirmLabel ?? label}</button>
        </div>
      </dialog>
    </>
  );
}
