import { serveImage } from '@/app/_lib/media-route';
import { currentUser } from '@/lib/auth/session';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string; hash: string }> }) {
  return serveImage(await currentUser(), await params);
}
