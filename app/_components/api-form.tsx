'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { SelectField, TextAreaField } from '@/app/_components/ui/select-field';
import { buttonClass } from '@/app/_components/ui/button-class';
import { ConfirmSubmit } from '@/app/_components/ui/confirm-submit';

export type ApiField =
  | { kind: 'text'; name: string; label: string; hint?: string; defaultValue?: string; inputMode?: 'numeric' | 'decimal' }
  | { kind: 'datetime'; name: string; label: string; hint?: string; defaultValue?: string }
  | { kind: 'textarea'; name: string; label: string; hint?: string; defaultValue?: string }
  | { kind: 'select'; name: string; label: string; options: { value: string; label: string }[]; defaultValue?: string }
  | { kind: 'checkbox'; name: string; label: string; defaultChecked?: boolean };

/**
 * A form for a staff route: posts its fields, shows the server's errors next to each field and refreshes the
 * page's data on success. Field ids are prefixed by `id` so several forms can share a page.
 */
export function ApiForm({ id, action, fields, submitLabel, variant = 'primary', confirm }: {
  id: string;
  action: string;
  fields: ApiField[];
  submitLabel: string;
  variant?: 'primary' | 'danger' | 'secondary';
  /** Ask first, in a dialog with this title and text, before a destructive change is sent. */
  confirm?: { title: string; body: string; confirmLabel: string };
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    const res = await fetch(action, { method: 'POST', body: new FormData(event.currentTarget) }).catch(() => null);
    const body = ((await res?.json().catch(() => ({}))) ?? {}) as { message?: string; error?: string; fieldErrors?: Record<string, string> };
    setPending(false);
    if (res?.ok) {
      setErrors({});
      setMessage({ kind: 'success', text: body.message ?? 'Saved.' });
      router.refresh();
      return;
    }
    setErrors(body.fieldErrors ?? {});
    setMessage({ kind: 'error', text: body.error ?? `Failed (HTTP ${res?.status ?? 'network error'})` });
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate aria-label={submitLabel}>
      {fields.map((f) => {
        const common = { id: `${id}-${f.name}`, name: f.name, label: f.label };
        if (f.kind === 'select') return <SelectField key={f.name} {...common} options={f.options} defaultValue={f.defaultValue} error={errors[f.name]} />;
        if (f.kind === 'textarea') return <TextAreaField key={f.name} {...common} rows={f.defaultValue ? f.defaultValue.split('\n').length + 1 : 2} defaultValue={f.defaultValue} hint={f.hint} error={errors[f.name]} />;
        if (f.kind === 'checkbox') {
          return (
            <label key={f.name} className="flex items-center gap-2 text-sm">
              <input type="checkbox" id={common.id} name={f.name} defaultChecked={f.defaultChecked} /> {f.label}
            </label>
          );
        }
        if (f.kind === 'datetime') return <Field key={f.name} {...common} type="datetime-local" step={60} defaultValue={f.defaultValue} hint={f.hint} error={errors[f.name]} />;
        return <Field key={f.name} {...common} defaultValue={f.defaultValue} inputMode={f.inputMode} hint={f.hint} error={errors[f.name]} />;
      })}
      {confirm ? (
        <ConfirmSubmit label={submitLabel} title={confirm.title} confirmLabel={confirm.confirmLabel} variant={variant} pending={pending}><p>{confirm.body}</p></ConfirmSubmit>
      ) : (
        <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass(variant)}>{pending ? 'Working…' : submitLabel}</button>
      )}
      {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
    </form>
  );
}
