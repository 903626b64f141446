import net from 'node:net';

export interface TcpProxy {
  port: number;
  url: string;
  /** Drops every connection now and refuses new ones: the network is gone. */
  cut(): void;
  restore(): void;
  /** Drops a connection once this many more bytes went from client to server (mid-upload). */
  cutAfterBytes(bytes: number): void;
  readonly isCut: boolean;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 between a client and the sync server, so a test
 * can pull the network cable: cut() destroys the sockets (both ways) the way
 * a dropped Wi-Fi or a closed laptop lid does.
 */
export async function startTcpProxy(targetPort: () => number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let cut = false;
  let budget: number | null = null;
  const server = net.createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort(), '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => {
      if (budget !== null) {
        budget -= chunk.length;
        if (budget <= 0) {
          budget = null;
          drop();
          return;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get isCut() {
      return cut;
    },
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore() {
      cut = false;
    },
    cutAfterBytes(bytes) {
      budget = bytes;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
