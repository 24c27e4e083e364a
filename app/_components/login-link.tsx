'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { loginHref } from '@/lib/http/return-path';

/** "Log in", returning to this page afterwards. */
export function LoginLink() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return <Link href={loginHref(search ? `${pathname}?${search}` : pathname)}>Log in</Link>;
}
