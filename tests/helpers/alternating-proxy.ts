import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AlternatingProxy {
  url: string;
  port: number;
  /** The backend port of every request so far, with its method and path, in arrival order. */
  served: { method: string; path: string; port: number }[];
  close(): Promise<void>;
}

/**
 * The reverse proxy of a deployment with several web processes and one tracker, reduced to what tests need:
 * `/tracker/` goes to the tracker, everything else to the web processes strictly in turn (deterministic, unlike
 * a kernel-balanced cluster). The Host header is passed through, as nginx's `proxy_set_header Host $host` does.
 */
export async function startAlternatingProxy(options: { webPorts: number[]; trackerPort: number; port?: number }): Promise<AlternatingProxy> {
  let next = 0;
  const served: AlternatingProxy['served'] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const port = path.startsWith('/tracker/') ? options.trackerPort : (options.webPorts[next++ % options.webPorts.length] as number);
    served.push({ method: req.method ?? 'GET', path, port });
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    served,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
