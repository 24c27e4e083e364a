import { editMediaResponse } from '@/app/_lib/media-route';
import { currentUser } from '@/lib/auth/session';

/** The edit page's images and NFO form (multipart): replace or remove the poster and NFO, add or remove screenshots. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return editMediaResponse(request, await currentUser(), await params);
}
