'use client';

import { useEffect, useState } from 'react';
import { BUSY_MESSAGE, UNAVAILABLE_DIGEST } from '@/lib/errors';
import { Card, PageTitle } from './ui/card';
import { buttonClass } from './ui/button-class';

/**
 * What a page shows when rendering it failed on the server. Next.js sends the browser only the error's digest,
 * never its message or stack. A busy or unreachable database is told apart from a bug by its own digest
 * (lib/errors.ts) or, for the database's own errors, which carry Next.js's digest, by asking /api/health.
 */
export function ServerError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [databaseDown, setDatabaseDown] = useState(false);
  useEffect(() => {
    if (error.digest === UNAVAILABLE_DIGEST) return;
    let current = true;
    fetch('/api/health', { cache: 'no-store' })
      .then((response) => current && setDatabaseDown(response.status === 503))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [error]);
  const busy = databaseDown || error.digest === UNAVAILABLE_DIGEST;
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{busy ? 'Try again in a moment' : 'Something went wrong'}</PageTitle>
      <Card>
        <p className="mb-4">{busy ? BUSY_MESSAGE : 'This page could not be shown because of an error on our side. Try again in a moment; if it keeps happening, tell the staff.'}</p>
        <button type="button" onClick={reset} className={buttonClass('secondary')}>
          Try again
        </button>
      </Card>
    </div>
  );
}
