import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mail {
  to: string;
  /** The raw message with quoted-printable soft breaks and `=3D` undone, so links read whole. */
  text: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server in this process on 127.0.0.1 (no auth, no TLS), pushing each mail it receives onto `mails`.
 * `port` restarts one on the port an earlier one had (a site keeps its SMTP_URL while the server is down).
 */
export async function startTestSmtp(mails: Mail[], options: { port?: number } = {}): Promise<TestSmtp> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text: raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
