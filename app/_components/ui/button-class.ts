/** Button styles, shared by server and client components. */
export function buttonClass(variant: 'primary' | 'danger' | 'secondary' = 'primary'): string {
  const base = 'inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm disabled:opacity-60 cursor-pointer';
  const look = {
    primary: 'bg-brand-600 text-white hover:bg-brand-700',
    danger: 'bg-red-600 text-white hover:bg-red-700',
    secondary: 'border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800',
  }[variant];
  return `${base} ${look}`;
}
