export type PeerIdStyle = 'azureus' | 'shadow' | 'mainline' | 'aria2' | 'unknown';

export interface PeerClient {
  name: string;
  version: string | null;
  style: PeerIdStyle;
  /** `name version`, for display. */
  label: string;
}

const AZUREUS: Readonly<Record<string, string>> = {
  '7T': 'aTorrent', AG: 'Ares', AZ: 'Vuze', BC: 'BitComet', BF: 'Bitflu', BI: 'BiglyBT', BT: 'BitTorrent',
  DE: 'Deluge', FD: 'Free Download Manager', FW: 'FrostWire', HL: 'Halite', KT: 'KTorrent', LT: 'libtorrent',
  LW: 'LimeWire', MG: 'MediaGet', PI: 'PicoTorrent', SD: 'Thunder', SZ: 'Shareaza', TL: 'Tribler',
  TR: 'Transmission', UM: 'µTorrent Mac', UT: 'µTorrent', UW: 'µTorrent Web', WD: 'WebTorrent Desktop',
  WW: 'WebTorrent', XL: 'Xunlei', lt: 'rTorrent (libtorrent)', qB: 'qBittorrent',
};

const SHADOW: Readonly<Record<string, string>> = {
  A: 'ABC', O: 'Osprey Permaseed', Q: 'BTQueue', R: 'Tribler', S: 'Shadow', T: 'BitTornado', U: 'UPnP NAT Bit Torrent',
};

const SHADOW_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.';

/**
 * Readable client name and version from a peer_id, for the peer lists shown to members and staff (BEP 20 and
 * the conventions it documents). Handles Azureus style (`-qB4650-` qBittorrent 4.6.5, `-TR3000-`
 * Transmission 3.00, `-LT20A0-` libtorrent 2.0.10), Shadow style (`T03I-----` BitTornado 0.3.18), Mainline
 * (`M4-3-6--`) and aria2 (`A2-1-37-0-`). Unrecognised ids give `unknown`; nothing here is trusted for policy.
 */
export function clientFromPeerId(peerId: Uint8Array): PeerClient {
  const id = String.fromCharCode(...peerId.subarray(0, 20));
  const aria2 = /^A2-(\d{1,3})-(\d{1,3})-(\d{1,3})-/.exec(id);
  if (aria2) return client('aria2', `${aria2[1]}.${aria2[2]}.${aria2[3]}`, 'aria2');
  const mainline = /^M(\d{1,2})-(\d{1,2})-(\d{1,2})-/.exec(id);
  if (mainline) return client('BitTorrent (Mainline)', `${mainline[1]}.${mainline[2]}.${mainline[3]}`, 'mainline');
  const az = /^-([0-9A-Za-z~]{2})([0-9A-Za-z]{4})-/.exec(id);
  if (az) {
    const code = az[1] ?? '';
    const digits = az[2] ?? '';
    const name = AZUREUS[code] ?? `unknown (${code})`;
    return client(name, code === 'TR' ? transmissionVersion(digits) : azureusVersion(digits), 'azureus');
  }
  const shadowName = SHADOW[id.charAt(0)];
  if (shadowName !== undefined && /^.[0-9A-Za-z.-]{5}---/.test(id)) {
    const parts = [...id.slice(1, 6).replace(/-+$/, '')].map((c) => SHADOW_ALPHABET.indexOf(c));
    if (parts.length > 0 && parts.every((n) => n >= 0)) return client(shadowName, parts.join('.'), 'shadow');
  }
  return client('unknown', null, 'unknown');
}

function client(name: string, version: string | null, style: PeerIdStyle): PeerClient {
  return { name, version, style, label: version === null ? name : `${name} ${version}` };
}

/** One base-36 digit per component; a fourth is a build number, shown only when it is a non-zero digit. */
function azureusVersion(d: string): string {
  const parts = [...d.slice(0, 3)].map((c) => parseInt(c, 36));
  const build = d.charAt(3);
  if (/[1-9]/.test(build)) parts.push(Number(build));
  return parts.join('.');
}

/** Transmission: `abcd` is a.bc up to 3.x, a.b.c from 4.0; a final Z marks a development build, B/X a beta. */
function transmissionVersion(d: string): string {
  const suffix = { Z: '+', B: ' beta', X: ' beta' }[d.charAt(3)] ?? '';
  const major = parseInt(d.charAt(0), 36);
  const base = major >= 4 ? `${major}.${parseInt(d.charAt(1), 36)}.${parseInt(d.charAt(2), 36)}` : `${major}.${d.slice(1, 3)}`;
  return base + suffix;
}
