/**
 * The upload's limits without zod, so the upload page's client code can use them: zod's schemas probe for
 * `new Function` support, which the site's Content-Security-Policy (no unsafe-eval) reports as a violation.
 */

/** The .torrent size cap, checked before an upload is buffered. */
export const MAX_TORRENT_BYTES = 10 * 1024 * 1024;
/** The refusal of a larger file, by the server and by the upload page before it sends anything. */
export const TORRENT_TOO_LARGE = `The file is larger than ${MAX_TORRENT_BYTES / 1024 / 1024} MiB`;
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 20_000;
