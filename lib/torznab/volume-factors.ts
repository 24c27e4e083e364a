/**
 * Torznab's `downloadvolumefactor` and `uploadvolumefactor` for a torrent's accounting mode, as the tracker
 * credits it (lib/tracker/accounting.ts): neutral counts nothing, freeleech no download, double upload twice.
 */
export function volumeFactors(mode: { freeleech: boolean; neutral: boolean; doubleUpload: boolean }): { download: number; upload: number } {
  if (mode.neutral) return { download: 0, upload: 0 };
  return { download: mode.freeleech ? 0 : 1, upload: mode.doubleUpload ? 2 : 1 };
}
