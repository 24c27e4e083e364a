'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

export function LogoutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: '/login' });
      }}
      className="cursor-pointer rounded-md px-2 py-1 text-sm hover:bg-zinc-200 dark:hover:bg-zinc-800"
    >
      {pending ? 'Logging out…' : 'Log out'}
    </button>
  );
}
