import 'server-only';
import { cache } from 'react';
import type { SessionUser } from '@/lib/auth/session';
import { getRatioStatus } from '@/lib/services/ratio/get-ratio-status';

/**
 * getRatioStatus once per request and member: the layout's header and banner and the member's own profile
 * need the same figures (it reads them, never writes).
 */
export const ratioStatusFor = cache((actor: SessionUser, userId: number) => getRatioStatus({ actor, userId }));
