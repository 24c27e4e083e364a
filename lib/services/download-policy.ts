import 'server-only';

export type DownloadDecision = { allowed: true } | { allowed: false; message: string };

/**
 * The one place that decides whether a member may download a torrent's .torrent file. Ratio enforcement
 * (leeching disabled, with exceptions for torrents the member uploaded, snatched or seeds) plugs in here.
 */
export async function mayDownload(_options: { userId: number; torrentId: number }): Promise<DownloadDecision> {
  return { allowed: true };
}
