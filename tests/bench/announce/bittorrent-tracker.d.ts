/** The part of bittorrent-tracker 11 (which ships no types) that the benchmark uses. */
declare module 'bittorrent-tracker/server' {
  import { EventEmitter } from 'node:events';

  export default class Server extends EventEmitter {
    constructor(options: { udp: boolean; ws: boolean; http: boolean; stats: boolean });
    listen(port: number, hostname: string, onListening: () => void): void;
    close(callback?: () => void): void;
  }
}
