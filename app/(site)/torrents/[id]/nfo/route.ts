import { serveNfo } from '@/app/_lib/media-route';
import { currentUser } from '@/lib/auth/session';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return serveNfo(await currentUser(), await params);
}
