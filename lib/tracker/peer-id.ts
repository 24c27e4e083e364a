/**
 * True when the peer_id starts with one of `prefixes` (client bans are by peer_id prefix, e.g. `-XL0012-`,
 * since the Azureus-style prefix names client and version; see BEP 20). An empty prefix is ignored: a blank
 * line in the ban list must not ban every client.
 */
export function peerIdMatchesBlacklist(peerId: Uint8Array, prefixes: readonly Uint8Array[]): boolean {
  outer: for (const prefix of prefixes) {
    if (prefix.length === 0 || prefix.length > peerId.length) continue;
    for (let i = 0; i < prefix.length; i++) if (peerId[i] !== prefix[i]) continue outer;
    return true;
  }
  return false;
}
