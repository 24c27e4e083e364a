/**
 * `failure reason` and `warning message` texts of the server layer (the parsers' own texts are in
 * `failureReasons` of lib/tracker). One table, so tests assert the exact wording clients show.
 */
export const trackerMessages = {
  notFound: 'unknown tracker URL: use /tracker/<passkey>/announce',
  passkeyMissing: 'no passkey in the tracker URL: use /announce?passkey=<passkey>, as in the .torrent downloaded from the site',
  passkeyRepeated: 'the passkey parameter appears more than once in the tracker URL',
  methodNotAllowed: 'only GET requests are accepted',
  browser: 'this URL is for BitTorrent clients, not web browsers',
  unknownPasskey: 'unknown passkey: download the .torrent again from the site',
  tooManyUnknownPasskeys: 'too many requests with unknown passkeys from your address; try again later',
  banned: 'your account is banned',
  clientBanned: (client: string) => `client not allowed on this tracker: ${client}`,
  unregistered: 'Unregistered torrent',
  deleted: (reason: string) => `Unregistered torrent: ${reason}`,
  tooManyPeers: (max: number) => `too many clients: at most ${max} per member on one torrent; stop one first`,
  unavailable: 'tracker temporarily unavailable',
  completedUnknown:
    'event=completed from a client this tracker has not seen on this torrent: nothing was recorded; announce without event=completed to join the swarm',
  tooSoon: (minInterval: number) =>
    `announced too soon: no peers until ${minInterval} seconds after the previous announce (transfer was counted)`,
} as const;
