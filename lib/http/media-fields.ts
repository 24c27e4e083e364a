import { type CheckedImage, checkImage, checkNfo, MAX_IMAGE_BYTES, MAX_NFO_BYTES, MAX_SCREENSHOTS, type SentFile, tooManyScreenshots } from '@/lib/media/attachments';

export interface MediaInput {
  poster: CheckedImage | null;
  screenshots: CheckedImage[];
  nfo: { filename: string; bytes: Uint8Array } | null;
}

/** The most a form's images and NFO can add up to. */
export const MAX_MEDIA_BYTES = (1 + MAX_SCREENSHOTS) * MAX_IMAGE_BYTES + MAX_NFO_BYTES;

/** A browser sends a file input left empty as a nameless, empty part: that is no file, not an empty one. */
const chosen = (value: FormDataEntryValue): value is File => typeof value !== 'string' && !(value.name === '' && value.size === 0);

async function sent(file: File): Promise<SentFile> {
  return { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * Reads and checks a form's `poster`, `screenshots` (repeated) and `nfo` files: one message per field for the
 * first problem found in it, so the form shows each next to its input. The form's body was already capped.
 */
export async function readMediaFields(form: FormData): Promise<{ ok: true; media: MediaInput } | { ok: false; fieldErrors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  const media: MediaInput = { poster: null, screenshots: [], nfo: null };

  const poster = form.getAll('poster').filter(chosen);
  if (poster.length > 1) errors.poster = 'Choose one poster';
  else if (poster[0]) {
    const checked = checkImage(await sent(poster[0]), 'The poster');
    if (checked.ok) media.poster = checked.value;
    else errors.poster = checked.error;
  }

  const screenshots = form.getAll('screenshots').filter(chosen);
  const tooMany = tooManyScreenshots(screenshots.length);
  if (tooMany) errors.screenshots = tooMany;
  else {
    for (const file of screenshots) {
      const checked = checkImage(await sent(file), `Screenshot ${file.name}`);
      if (!checked.ok) {
        errors.screenshots = checked.error;
        break;
      }
      media.screenshots.push(checked.value);
    }
  }

  const nfo = form.getAll('nfo').filter(chosen);
  if (nfo.length > 1) errors.nfo = 'Choose one NFO file';
  else if (nfo[0]) {
    const checked = checkNfo(await sent(nfo[0]));
    if (checked.ok) media.nfo = checked.value;
    else errors.nfo = checked.error;
  }

  return Object.keys(errors).length > 0 ? { ok: false, fieldErrors: errors } : { ok: true, media };
}
