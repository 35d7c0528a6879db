/** HTTP/1.1 written by hand on a socket, for requests no client library would send. */
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  contentType: string | undefined;
  requestId: string | undefined;
  text: string;
}

/** One request on its own connection, read until the server closes it. */
export function rawExchange(port: number, text: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(received).toString('utf8');
      const split = all.indexOf('\r\n\r\n');
      const head = split < 0 ? all : all.slice(0, split);
      const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim();
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        contentType: header('content-type'),
        requestId: header('x-request-id'),
        text: split < 0 ? '' : all.slice(split + 4),
      });
    });
    socket.end(text);
  });
}
