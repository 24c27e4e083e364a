import type { TrackerRequest } from './request';
import { isTrackerTarget } from './route';

export interface ParsedHead {
  request: TrackerRequest;
  close: boolean;
}


/** Per byte: 1 when node:http's parser accepts it in a header value (HTAB, SP to `~`, obs-text 0x80-0xFF). */
const VALUE_BYTE = new Uint8Array(256);
/** Per byte: 1 when it is a token character (RFC 9110 `tchar`), as a header name must be made of. */
const TOKEN_BYTE = new Uint8Array(256);
VALUE_BYTE[0x09] = 1;
for (let c = 0x20; c <= 0xff; c++) if (c !== 0x7f) VALUE_BYTE[c] = 1;
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") TOKEN_BYTE[c.charCodeAt(0)] = 1;

/**
 * The request line and headers of a plain tracker request (`text` is the head in latin1, without its final CRLF
 * CRLF), or null when node:http should have the request: another path, method or version, a body, `Expect`,
 * `Upgrade`, or anything node:http's parser would refuse or read differently.
 *
 * What this accepts is a strict subset of what node:http accepts, read the same way: every byte of the head is
 * checked, so a bare CR or LF, a NUL or another control character, whitespace before a colon, a folded line, a
 * second Content-Length or an HTTP/1.1 request without Host goes to node:http, which refuses it with 400. The two
 * parsers therefore always agree on where a request ends (`X-A: a\nContent-Length: 52` is one malformed request
 * for both, never a request and a smuggled second one).
 */
export function parseRequestHead(text: string): ParsedHead | null {
  let lineEnd = text.indexOf('\r\n');
  if (lineEnd === -1) lineEnd = text.length;
  const sp1 = text.indexOf(' ');
  const sp2 = sp1 === -1 ? -1 : text.indexOf(' ', sp1 + 1);
  if (sp1 <= 0 || sp2 === -1 || sp2 > lineEnd) return null;
  const method = text.slice(0, sp1);
  if (method !== 'GET' && method !== 'HEAD') return null;
  const version = text.slice(sp2 + 1, lineEnd);
  if (version !== 'HTTP/1.1' && version !== 'HTTP/1.0') return null;
  const url = text.slice(sp1 + 1, sp2);
  if (!isTrackerTarget(url) || !isTargetText(url)) return null;
  const request: TrackerRequest = {
    method, url, remoteAddress: '', userAgent: undefined, acceptLanguage: undefined, referer: undefined, forwardedFor: undefined,
  };
  // As llhttp decides: HTTP/1.1 stays open unless `close` is named, HTTP/1.0 closes unless `keep-alive` is.
  let close = false;
  let keepAlive = false;
  let host = false;
  let contentLength = false;
  let at = lineEnd + 2;
  while (at < text.length) {
    let end = text.indexOf('\r\n', at);
    if (end === -1) end = text.length;
    let colon = at;
    while (colon < end && TOKEN_BYTE[text.charCodeAt(colon)] === 1) colon++;
    if (colon === at || colon === end || text.charCodeAt(colon) !== 0x3a) return null;
    for (let i = colon + 1; i < end; i++) if (VALUE_BYTE[text.charCodeAt(i)] !== 1) return null;
    let start = colon + 1;
    let stop = end;
    while (start < stop && isOws(text.charCodeAt(start))) start++;
    while (stop > start && isOws(text.charCodeAt(stop - 1))) stop--;
    const name = text.slice(at, colon).toLowerCase();
    const value = text.slice(start, stop);
    at = end + 2;
    switch (name) {
      case 'host':
        host = true;
        break;
      case 'user-agent':
        request.userAgent ??= value;
        break;
      case 'accept-language':
        request.acceptLanguage = request.acceptLanguage === undefined ? value : `${request.acceptLanguage}, ${value}`;
        break;
      case 'referer':
        request.referer ??= value;
        break;
      case 'x-forwarded-for':
        request.forwardedFor = request.forwardedFor === undefined ? value : `${request.forwardedFor},${value}`;
        break;
      case 'connection': {
        const tokens = connectionTokens(value);
        if (tokens & UPGRADE) return null;
        if (tokens & CLOSE) close = true;
        if (tokens & KEEP_ALIVE) keepAlive = true;
        break;
      }
      case 'content-length':
        // node:http refuses a repeated Content-Length even when both say 0.
        if (contentLength || value !== '0') return null;
        contentLength = true;
        break;
      case 'transfer-encoding':
      case 'expect':
      case 'upgrade':
        return null;
    }
  }
  if (version === 'HTTP/1.1') {
    // node:http answers an HTTP/1.1 request without Host with 400 (RFC 9112 section 3.2).
    if (!host) return null;
    return { request, close };
  }
  return { request, close: !keepAlive };
}

const CLOSE = 1;
const KEEP_ALIVE = 2;
const UPGRADE = 4;

/** The `close`, `keep-alive` and `upgrade` options named in a Connection header (comma-separated, any case). */
function connectionTokens(value: string): number {
  let tokens = 0;
  let at = 0;
  while (at <= value.length) {
    let end = value.indexOf(',', at);
    if (end === -1) end = value.length;
    let start = at;
    let stop = end;
    while (start < stop && isOws(value.charCodeAt(start))) start++;
    while (stop > start && isOws(value.charCodeAt(stop - 1))) stop--;
    const token = value.slice(start, stop).toLowerCase();
    if (token === 'close') tokens |= CLOSE;
    else if (token === 'keep-alive') tokens |= KEEP_ALIVE;
    else if (token === 'upgrade') tokens |= UPGRADE;
    at = end + 1;
  }
  return tokens;
}

function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Visible ASCII only, as in a request target that node:http would accept. */
function isTargetText(url: string): boolean {
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

/**
 * Whether `data` (part of a head, from `from` on) has a byte node:http's parser refuses wherever it stands: a control
 * character other than HTAB, a LF without its CR, a CR followed by anything but LF. (Complete heads are checked in
 * full by parseRequestHead; this is for heads that arrive in pieces.)
 */
export function hasRefusedByte(data: Buffer, from: number): boolean {
  for (let i = from; i < data.length; i++) {
    const c = data[i] as number;
    if (c === 0x0a) {
      if (i === 0 || data[i - 1] !== 0x0d) return true;
    } else if (c === 0x0d) {
      if (i + 1 < data.length && data[i + 1] !== 0x0a) return true;
    } else if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
      return true;
    }
  }
  return false;
}

export function onlyLineBreaks(data: Buffer): boolean {
  for (const c of data) if (c !== 0x0d && c !== 0x0a) return false;
  return true;
}
