import { Field } from '@/app/_components/ui/field';
import { IMAGE_TYPES } from '@/lib/media/image-type';
import { MAX_IMAGE_BYTES, MAX_NFO_BYTES, MAX_SCREENSHOTS } from '@/lib/media/attachments';

const IMAGE_HINT = `PNG, JPEG, WebP or GIF, ${MAX_IMAGE_BYTES / 1024 / 1024} MiB at most`;

/** Poster, screenshots and NFO file inputs: shared by the upload form and the edit page. */
export function TorrentMediaFields({ errors, replacing = false }: { errors: Record<string, string>; replacing?: boolean }) {
  return (
    <>
      <Field label={replacing ? 'New poster' : 'Poster (optional)'} name="poster" type="file" accept={IMAGE_TYPES.join(',')} hint={IMAGE_HINT} error={errors.poster} />
      <Field
        label={replacing ? 'Add screenshots' : 'Screenshots (optional)'}
        name="screenshots"
        type="file"
        multiple
        accept={IMAGE_TYPES.join(',')}
        hint={`Up to ${MAX_SCREENSHOTS} in all; ${IMAGE_HINT} each. Show them in the description with ![text](screenshot:1), ![text](poster).`}
        error={errors.screenshots}
      />
      <Field
        label={replacing ? 'New NFO' : 'NFO (optional)'}
        name="nfo"
        type="file"
        accept=".nfo"
        hint={`A .nfo file, ${MAX_NFO_BYTES / 1024} KiB at most; shown as CP437 text on the torrent page`}
        error={errors.nfo}
      />
    </>
  );
}
