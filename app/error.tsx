'use client';

import { ServerError } from './_components/server-error';

/** A page (below the root layout) that failed on the server: a message and a retry, never a stack trace. */
export default function PageError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ServerError {...props} />;
}
