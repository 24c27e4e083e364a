import type { SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

const control = (error?: string) =>
  `rounded-md border bg-white px-3 py-2 text-base shadow-sm outline-none focus:ring-2 focus:ring-brand-500 dark:bg-zinc-900 ${error ? 'border-red-500' : 'border-zinc-300 dark:border-zinc-700'}`;

function ErrorText({ id, error }: { id: string; error?: string | undefined }) {
  return error ? <p id={id} role="alert" className="text-sm text-red-600 dark:text-red-400">{error}</p> : null;
}

export function SelectField({ label, name, error, options, id: givenId, ...rest }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; error?: string | undefined; options: { value: string; label: string }[] }) {
  const id = givenId ?? `field-${name}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={control(error)} {...rest}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

export function TextAreaField({ label, name, error, hint, id: givenId, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; error?: string | undefined; hint?: string }) {
  const id = givenId ?? `field-${name}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      <textarea id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined} className={control(error)} {...rest} />
      {hint && !error ? <p id={`${id}-hint`} className="text-xs text-zinc-500">{hint}</p> : null}
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}
