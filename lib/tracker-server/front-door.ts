import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { responseBytes } from './reply-bytes';
import { hasRefusedByte, onlyLineBreaks, parseRequestHead, type ParsedHead } from './request-head';
import type { TrackerReply, TrackerRequest } from './request';

export interface FrontDoorOptions {
  /** Answers `/tracker/...` requests (Tracker.serve). */
  serve: (request: TrackerRequest, reply: TrackerReply) => void;
  /** Gets every connection, or the rest of one, that is not a plain tracker request: the site, bodies, upgrades. */
  fallback: HttpServer;
  /** A connection with no request in progress is closed after this long (node:http's keepAliveTimeout is 5 s). */
  idleTimeoutMs?: number;
  /**
   * A request head must be complete this long after its first byte arrived, or the connection is answered 408 and
   * closed: a client trickling a byte every few seconds would otherwise hold its connection for hours, as the idle
   * timeout restarts with every byte. (node:http's own headersTimeout never sees the heads the front door reads.)
   */
  headTimeoutMs?: number;
  /** A request head larger than this goes to `fallback`, which refuses it with 431 (node:http's limit is 16 KiB). */
  maxHeadBytes?: number;
  /** Requests of one connection being answered at once; reading pauses beyond it. */
  maxPipelined?: number;
}

interface Settings {
  idleTimeoutMs: number;
  headTimeoutMs: number;
  maxHeadBytes: number;
  maxPipelined: number;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
/** What node:http answers when a head takes longer than its headersTimeout. */
const REQUEST_TIMEOUT = Buffer.from('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n', 'latin1');
/** What node:http answers a head it refuses, or one the client cut short by ending its side. */
const BAD_REQUEST = Buffer.from('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n', 'latin1');

/**
 * The port's front door: a plain TCP server that parses the few request heads BitTorrent clients send for
 * tracker requests (`/tracker/*`, `/announce?passkey=`, `/scrape?passkey=`) (GET or HEAD, HTTP/1.x, no body) and answers them itself, and hands every other connection to the
 * node:http server of the site with the bytes it already read, at a request boundary. node:http's request and
 * response objects cost about as much per announce as the tracker's own work; skipping them for the one path that
 * carries nearly all traffic is what the tracker's throughput needs. Anything unusual (a body, `Expect`,
 * `Upgrade`, an oversized head, anything node:http's parser would refuse) also goes to node:http, which answers it
 * by the book: the two never disagree on where a request ends (see parseRequestHead).
 */
export function createFrontDoor(options: FrontDoorOptions): Server {
  const settings: Settings = {
    idleTimeoutMs: options.idleTimeoutMs ?? 5_000,
    headTimeoutMs: options.headTimeoutMs ?? 10_000,
    maxHeadBytes: options.maxHeadBytes ?? 16 * 1024,
    maxPipelined: options.maxPipelined ?? 16,
  };
  const connections = new Set<Connection>();
  const state = { closing: false };
  // Half-open like node:http: a client may send its request and shut its side before the reply is written.
  const server = createServer({ noDelay: true, allowHalfOpen: true }, (socket) => {
    const connection = new Connection(socket, options, settings, state);
    connections.add(connection);
    socket.once('close', () => {
      connections.delete(connection);
      connection.closed();
    });
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
  private handedOff = false;
  /** No more requests are read: the last one asked to close, or the client shut its side. */
  private ending = false;
  private peerEnded = false;
  /** When the first byte of the head being read arrived (performance.now()), 0 while no head is in progress. */
  private headStartedAt = 0;
  private headTimer: NodeJS.Timeout | null = null;
  /** Written after the last reply when the client ended its side in the middle of a head. */
  private refusal: Buffer | null = null;
  private readonly remoteAddress: string;
  private readonly onData = (chunk: Buffer) => this.read(chunk);
  private readonly onEnd = () => {
    this.ending = true;
    this.peerEnded = true;
    // node:http answers a head cut short by the client's end with 400 (empty lines between requests are no head).
    if (this.buffered !== null && !onlyLineBreaks(this.buffered)) this.refusal = BAD_REQUEST;
    this.buffered = null;
    this.headStartedAt = 0;
    if (this.handoff !== null) return;
    if (this.queue.length === 0) this.finish();
  };
  private readonly onDrain = () => this.resumeIfIdle();
  private readonly onTimeout = () => {
    // Quiet while its replies wait on the tracker (a read of the database, a journal write): not idle. (The
    // listener is a once listener: set it again.)
    if (this.queue.length > 0) this.socket.setTimeout(this.settings.idleTimeoutMs, this.onTimeout);
    else this.socket.destroy();
  };
  private readonly onHeadTimer = () => this.checkHeadDeadline();

  constructor(
    private readonly socket: Socket,
    private readonly options: FrontDoorOptions,
    private readonly settings: Settings,
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

  closed(): void {
    if (this.headTimer !== null) clearTimeout(this.headTimer);
    this.headTimer = null;
  }

  private read(chunk: Buffer): void {
    // Bytes of a head read before were searched already (but for a CR LF CR the new chunk may complete).
    let from = this.buffered === null ? 0 : Math.max(0, this.buffered.length - 3);
    let data = this.buffered === null ? chunk : Buffer.concat([this.buffered, chunk]);
    this.buffered = null;
    while (data.length > 0 && !this.ending && this.handoff === null) {
      const end = data.indexOf(CRLFCRLF, from);
      if (end === -1) {
        // A byte node:http refuses at once (a bare LF, say) goes to node:http at once, as if it had read it.
        if (data.length > this.settings.maxHeadBytes || hasRefusedByte(data, from)) return this.handOff(data);
        this.buffered = data;
        if (this.headStartedAt === 0) this.startHeadClock();
        return;
      }
      from = 0;
      this.headStartedAt = 0;
      if (end > this.settings.maxHeadBytes) return this.handOff(data);
      const parsed = parseRequestHead(data.toString('latin1', 0, end));
      if (parsed === null) return this.handOff(data);
      this.accept(parsed);
      data = data.subarray(end + 4);
    }
    // A client that pipelines faster than it reads its replies waits instead of filling memory; once the
    // connection is ending, nothing more is read at all.
    if (this.ending || this.queue.length >= this.settings.maxPipelined || this.socket.writableNeedDrain) this.socket.pause();
  }

  /** Only heads that arrive in pieces get here: a whole one in a single read (nearly every announce) needs no timer. */
  private startHeadClock(): void {
    this.headStartedAt = performance.now();
    if (this.headTimer === null) this.headTimer = setTimeout(this.onHeadTimer, this.settings.headTimeoutMs);
  }

  private checkHeadDeadline(): void {
    this.headTimer = null;
    if (this.headStartedAt === 0 || this.socket.destroyed || this.handedOff) return;
    const now = performance.now();
    // A later head than the one the timer was set for, or replies still being waited on (reading may be paused
    // for them): the head's time starts again.
    if (this.queue.length > 0) this.headStartedAt = now;
    const left = this.headStartedAt + this.settings.headTimeoutMs - now;
    if (left > 0) {
      this.headTimer = setTimeout(this.onHeadTimer, left);
      return;
    }
    this.ending = true;
    this.buffered = null;
    this.headStartedAt = 0;
    this.socket.pause();
    this.endAndDestroy(REQUEST_TIMEOUT);
  }

  /** No more requests: the refusal if one is due, then the end of the connection. */
  private finish(): void {
    if (this.refusal !== null) this.endAndDestroy(this.refusal);
    else this.socket.end();
  }

  /**
   * Writes the last bytes and closes the connection once they are out, as node:http does: ending only our side
   * would leave the socket open for as long as the client keeps its side open.
   */
  private endAndDestroy(out: Buffer): void {
    const socket = this.socket;
    socket.end(out, () => socket.destroy());
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
      if (next.close) this.endAndDestroy(out);
      else socket.write(out);
    }
    if (this.queue.length > 0 || socket.destroyed) return;
    if (this.handoff !== null) this.completeHandOff();
    else if ((this.peerEnded || this.server.closing) && !socket.writableEnded) this.finish();
    else this.resumeIfIdle();
  }

  /** The rest of this connection belongs to node:http, from `data` on (once earlier replies are out). */
  private handOff(data: Buffer): void {
    this.handoff = data;
    this.headStartedAt = 0;
    this.socket.pause();
    if (this.queue.length === 0) this.completeHandOff();
  }

  private completeHandOff(): void {
    const socket = this.socket;
    const data = this.handoff as Buffer;
    this.handoff = null;
    this.handedOff = true;
    this.closed();
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
