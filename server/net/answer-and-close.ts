import type { Duplex } from 'node:stream';

/**
 * Answers, on a raw socket, an upgrade (or a broken request) that will not be served, then
 * lets the socket go. The caller has already put an 'error' listener on
 * the socket: a client that resets while the answer is written would
 * otherwise raise an unhandled 'error' and end the whole process.
 */
export function answerAndClose(socket: Duplex, status: number, text: string, headers: Record<string, string> = {}): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n${extra}\r\n`);
}
