import net from 'node:net';

export interface TcpProxy {
  port: number;
  url: string;
  /** Drops every connection now and refuses new ones: the network is gone. */
  cut(): void;
  restore(): void;
  /** Drops the next HTTP request starting with `prefix` (e.g. "PUT /api/media") once `bytes` of it went through. */
  cutRequestAfter(prefix: string, bytes: number): void;
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
  let trap: { prefix: string; bytes: number } | null = null;
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
    let budget: number | null = null;
    client.on('data', (chunk: Buffer) => {
      // Any chunk, not only a connection's first: a kept-alive connection carries the request after an earlier one.
      if (trap && chunk.toString('latin1', 0, trap.prefix.length) === trap.prefix) {
        budget = trap.bytes;
        trap = null;
      }
      if (budget !== null) {
        if (chunk.length >= budget) {
          // Let part of it through, then pull the cable.
          upstream.write(chunk.subarray(0, budget), () => drop());
          budget = null;
          return;
        }
        budget -= chunk.length;
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
    cutRequestAfter(prefix, bytes) {
      trap = { prefix, bytes };
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
