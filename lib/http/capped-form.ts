import { readCapped } from './read-capped';

export type CappedForm = { ok: true; form: FormData } | { ok: false; status: 400 | 413; message: string };

/**
 * Reads a multipart form, refusing it (413, with `tooLarge`) once it passes `maxBytes`, before it is all buffered,
 * and a body that is no multipart form (400, with `notForm`).
 */
export async function readCappedForm(request: Request, maxBytes: number, tooLarge: string, notForm = 'Send a multipart form'): Promise<CappedForm> {
  if (Number(request.headers.get('content-length') ?? '0') > maxBytes) return { ok: false, status: 413, message: tooLarge };
  const body = await readCapped(request.body, maxBytes);
  if (!body.ok) return { ok: false, status: 413, message: tooLarge };
  try {
    const form = await new Response(Buffer.from(body.bytes), { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
    return { ok: true, form };
  } catch {
    return { ok: false, status: 400, message: notForm };
  }
}
