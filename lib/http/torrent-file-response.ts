/** A personal .torrent as a download: its filename for every browser and client, never cached by a proxy. */
export function torrentFileResponse(filename: string, bytes: Uint8Array): Response {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': 'application/x-bittorrent',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'private, no-store',
    },
  });
}
