'use client';

import { ServerError } from './_components/server-error';
import './globals.css';

/** The root layout itself failed (it reads the session and settings): the same message, in a page of its own. */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <main className="mx-auto max-w-6xl px-4 py-6 sm:py-10">
          <ServerError {...props} />
        </main>
      </body>
    </html>
  );
}
