'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

/**
 * The phone menu: a native <details> (it opens and closes without JavaScript) whose summary reports its state to
 * assistive technology with aria-expanded, and which closes again once a link in it has navigated.
 */
export function NavMenu({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  // Opened before this script ran (no JavaScript yet): report the state it is in.
  useEffect(() => setOpen(ref.current?.open ?? false), []);
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className="group ml-auto" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary
        role="button"
        aria-expanded={open}
        aria-controls="site-menu"
        className="flex cursor-pointer list-none items-center gap-1 rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium dark:border-zinc-700 [&::-webkit-details-marker]:hidden"
      >
        <span aria-hidden="true">☰</span> Menu
      </summary>
      <div id="site-menu" className="absolute right-4 left-4 z-20 mt-2 rounded-lg border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
        {children}
      </div>
    </details>
  );
}
