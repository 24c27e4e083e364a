import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { TrackerReply, TrackerRequest } from './request';
import { isTrackerTarget } from './route';

export interface FrontDoorOptions {
  /** Answers `/tracker/...` requests (Tracker.serve). */
  serve: (request: TrackerRequest, reply: TrackerReply) => void;
  /** Gets every connection, or the rest of one, that is not a plain tracker request: the site, bodies, upgrades. */
  fallback: HttpServer;
  /** A connection with no request in progress is closed after this long (node:http's keepAliveTimeout is 5 s). */
  idleTimeoutMs?: number;
  /** A request head larger than this goes to `fallback`, which refuses it with 431 (node:http's limit is 16 KiB). */
  maxHeadBytes?: number;
  /** Requests of one connection being answered at once; reading pauses beyond it. */
  maxPipelined?: number;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

/**
 * The port's front door: a plain TCP server that parses the few request heads BitTorrent clients send for
 * `/tracker/*` (GET or HEAD, HTTP/1.x, no body) and answers them itself, and hands every other connection to the
 * node:http server of the site with the bytes it already read, at a request boundary. node:http's request and
 * response objects cost about as much per announce as the tracker's own work; skipping them for the one path that
 * carries nearly all traffic is what the tracker's throughput needs. Anything unusual (a body, `Expect`,
 * `Upgrade`, an oversized or malformed head) also goes to node:http, which answers it by the book.
 */
export function createFrontDoor(options: FrontDoorOptions): Server {
  const settings = {
    idleTimeoutMs: options.idleTimeoutMs ?? 5_000,
    maxHeadBytes: options.maxHeadBytes ?? 16 * 1024,
    maxPipelined: options.maxPipelined ?? 16,
  };
  const connections = new Set<Connection>();
  const state = { closing: false };
  // Half-open like node:http: a client may send its request and shut its side before the reply is written.
  const server = createServer({ noDelay: true, allowHalfOpen: true }, (socket) => {
    const connection = new Connection(socket, options, settings, state);
    connections.add(connection);
    socket.once('close', () => connections.delete(connection));
    connection.start();
  });
  // Like node:http's close(): stop accepting, close idle connections now and busy ones after their replies.
  const close = server.close.bind(server);
  server.close = (callback?: (error?: Error) => void) => {
    close(callback);
    state.closing = true;
    for (const connection of connections) connection.endIfIdle();
    options.fallback.closeIdleConnections();
    return server;
  };
  return server;
}

/** One request's place in the connection's reply order. */
class PendingReply implements TrackerReply {
  body: Uint8Array | null = null;

  constructor(
    private readonly connection: Connection,
    readonly head: boolean,
    readonly close: boolean,
  ) {}

  send(body: Uint8Array): void {
    if (this.body !== null) return;
    this.body = body;
    this.connection.write();
  }
}

class Connection {
  private buffered: Buffer | null = null;
  /** Replies in request order; a reply is written once every earlier one has been. */
  private readonly queue: PendingReply[] = [];
  private handoff: Buffer | null = null;
  /** No more requests are read: the last one asked to close, or the client shut its side. */
  private ending = false;
  private peerEnded = false;
  private readonly remoteAddress: string;
  private readonly onData = (chunk: Buffer) => this.read(chunk);
  private readonly onEnd = () => {
    this.ending = true;
    this.peerEnded = true;
    this.buffered = null;
    if (this.handoff !== null) return;
    if (this.queue.length === 0) this.socket.end();
  };
  private readonly onDrain = () => this.resumeIfIdle();
  private readonly onTimeout = () => {
    // Quiet while its replies wait on the tracker (a read of the database, a journal write): not idle. (The
    // listener is a once listener: set it again.)
    if (this.queue.length > 0) this.socket.setTimeout(this.settings.idleTimeoutMs, this.onTimeout);
    else this.socket.destroy();
  };

  constructor(
    private readonly socket: Socket,
    private readonly options: FrontDoorOptions,
    private readonly settings: { idleTimeoutMs: number; maxHeadBytes: number; maxPipelined: number },
    private readonly server: { closing: boolean },
  ) {
    this.remoteAddress = socket.remoteAddress ?? '';
  }

  start(): void {
    this.socket.on('data', this.onData);
    this.socket.on('end', this.onEnd);
    this.socket.on('drain', this.onDrain);
    this.socket.on('error', () => this.socket.destroy());
    this.socket.setTimeout(this.settings.idleTimeoutMs, this.onTimeout);
  }

  /** The server is closing: end now if no request is in progress (otherwise write() ends after the replies). */
  endIfIdle(): void {
    if (this.handoff === null && this.queue.length === 0 && this.buffered === null) this.socket.end();
  }

  private read(chunk: Buffer): void {
    let data = this.buffered === null ? chunk : Buffer.concat([this.buffered, chunk]);
    this.buffered = null;
    while (data.length > 0 && !this.ending && this.handoff === null) {
      const end = data.indexOf(CRLFCRLF);
      if (end === -1) {
        if (data.length > this.settings.maxHeadBytes) return this.handOff(data);
        this.buffered = data;
        return;
      }
      if (end > this.settings.maxHeadBytes) return this.handOff(data);
      const parsed = parseHead(data.toString('latin1', 0, end));
      if (parsed === null) return this.handOff(data);
      this.accept(parsed);
      data = data.subarray(end + 4);
    }
    // A client that pipelines faster than it reads its replies waits instead of filling memory.
    if (this.queue.length >= this.settings.maxPipelined || this.socket.writableNeedDrain) this.socket.pause();
  }

  private resumeIfIdle(): void {
    const socket = this.socket;
    if (socket.isPaused() && !this.ending && this.handoff === null && this.queue.length < this.settings.maxPipelined && !socket.writableNeedDrain) {
      socket.resume();
    }
  }

  private accept(head: ParsedHead): void {
    const pending = new PendingReply(this, head.request.method === 'HEAD', head.close);
    this.queue.push(pending);
    if (head.close) this.ending = true;
    head.request.remoteAddress = this.remoteAddress;
    this.options.serve(head.request, pending);
  }

  /** Writes the replies that are ready, in order; then ends, hands off or reads on as the last request asked. */
  write(): void {
    const socket = this.socket;
    while (this.queue.length > 0 && this.queue[0]?.body != null) {
      const next = this.queue.shift() as PendingReply;
      if (socket.destroyed) continue;
      const out = responseBytes(next.body as Uint8Array, next.close, !next.head);
      if (next.close) socket.end(out);
      else socket.write(out);
    }
    if (this.queue.length > 0 || socket.destroyed) return;
    if (this.handoff !== null) this.completeHandOff();
    else if ((this.peerEnded || this.server.closing) && !socket.writableEnded) socket.end();
    else this.resumeIfIdle();
  }

  /** The rest of this connection belongs to node:http, from `data` on (once earlier replies are out). */
  private handOff(data: Buffer): void {
    this.handoff = data;
    this.socket.pause();
    if (this.queue.length === 0) this.completeHandOff();
  }

  private completeHandOff(): void {
    const socket = this.socket;
    const data = this.handoff as Buffer;
    this.handoff = null;
    socket.removeListener('data', this.onData);
    socket.removeListener('end', this.onEnd);
    socket.removeListener('drain', this.onDrain);
    socket.setTimeout(0);
    socket.removeListener('timeout', this.onTimeout);
    socket.removeAllListeners('error');
    if (data.length > 0) socket.unshift(data);
    this.options.fallback.emit('connection', socket);
    socket.resume();
  }
}

interface ParsedHead {
  request: TrackerRequest;
  close: boolean;
}

/**
 * The request line and headers of a plain tracker request, or null when node:http should have the request:
 * another path, another method or version, a body, `Expect`, `Upgrade`, or anything malformed.
 */
function parseHead(text: string): ParsedHead | null {
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
  let keepAlive = version === 'HTTP/1.1';
  let at = lineEnd + 2;
  while (at < text.length) {
    let end = text.indexOf('\r\n', at);
    if (end === -1) end = text.length;
    const colon = text.indexOf(':', at);
    if (colon <= at || colon > end) return null;
    const name = text.slice(at, colon).toLowerCase();
    const value = text.slice(colon + 1, end).trim();
    at = end + 2;
    switch (name) {
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
        const tokens = value.toLowerCase();
        if (tokens.includes('close')) keepAlive = false;
        else if (tokens.includes('keep-alive')) keepAlive = true;
        if (tokens.includes('upgrade')) return null;
        break;
      }
      case 'content-length':
        if (value !== '0') return null;
        break;
      case 'transfer-encoding':
      case 'expect':
      case 'upgrade':
        return null;
      default:
        if (!isTokenText(name)) return null;
    }
  }
  return { request, close: !keepAlive };
}

/** Visible ASCII only, as in a request target that node:http would accept. */
function isTargetText(url: string): boolean {
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

function isTokenText(name: string): boolean {
  return name.length > 0 && /^[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(name);
}

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
function responseBytes(body: Uint8Array, close: boolean, withBody: boolean): Buffer {
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
