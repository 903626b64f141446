/** The part of a raw socket (Node's net.Socket, a Duplex) that a refusal uses; structural, so shared/ needs no Node import. */
export interface RawSocket {
  readonly writable: boolean;
  readonly destroyed: boolean;
  once(event: 'finish', listener: () => void): unknown;
  end(data: string): unknown;
  destroy(): unknown;
}

/**
 * Answers, on a raw socket, an upgrade (or a broken request) that will not
 * be served, then lets the socket go: 'finish' comes once the answer is
 * handed to the OS, and destroying then frees the socket at once instead of
 * waiting for the client's FIN. The caller must already have put an 'error'
 * listener on the socket: a client that resets while the answer is written
 * would otherwise raise an unhandled 'error' and end the whole process.
 * Used by both listeners that strangers can reach: the sync server and the
 * web shell.
 */
export function answerAndClose(socket: RawSocket, status: number, text: string, headers: Record<string, string> = {}): void {
  if (socket.destroyed) return;
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
