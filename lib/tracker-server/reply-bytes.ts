const HEAD_START = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ', 'latin1');
const END_KEEP_ALIVE = Buffer.from('\r\nConnection: keep-alive\r\n\r\n', 'latin1');
const END_CLOSE = Buffer.from('\r\nConnection: close\r\n\r\n', 'latin1');
let dateSecond = -1;
/** `\r\nCache-Control: no-store\r\nDate: <now>`, rebuilt once a second. */
let middle = Buffer.alloc(0);

/**
 * The whole reply (status line, headers, and the body unless `withBody` is false for HEAD) in one buffer, built
 * from constant pieces: this runs for every announce.
 */
export function responseBytes(body: Uint8Array, close: boolean, withBody: boolean): Buffer {
  const second = Math.floor(Date.now() / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    middle = Buffer.from(`\r\nCache-Control: no-store\r\nDate: ${new Date(second * 1000).toUTCString()}`, 'latin1');
  }
  const end = close ? END_CLOSE : END_KEEP_ALIVE;
  const length = body.length;
  let digits = 1;
  for (let n = length; n >= 10; n = Math.floor(n / 10)) digits++;
  const headLength = HEAD_START.length + digits + middle.length + end.length;
  const out = Buffer.allocUnsafe(headLength + (withBody ? length : 0));
  out.set(HEAD_START, 0);
  let at = HEAD_START.length + digits;
  for (let n = length, i = at - 1; i >= HEAD_START.length; i--, n = Math.floor(n / 10)) out[i] = 0x30 + (n % 10);
  out.set(middle, at);
  at += middle.length;
  out.set(end, at);
  if (withBody) out.set(body, headLength);
  return out;
}
