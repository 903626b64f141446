import net from 'node:net';

export interface TcpProxy {
  port: number;
  url: string;
  /** Drops every connection now and refuses new ones: the network is gone. */
  cut(): void;
  restore(): void;
  /** Drops the next HTTP request starting with `prefix` (e.g. "PUT /api/media") once `bytes` of it went through. */
  cutRequestAfter(prefix: string, bytes: number): void;
  /**
   * Holds the next HTTP request starting with `prefix` (e.g. "GET /api/catalog")
   * at the proxy: `seen` resolves when it arrived, and nothing of it reaches
   * the server until `release()`. A test can then act while the client waits.
   */
  holdRequest(prefix: string): HeldRequest;
  readonly isCut: boolean;
  close(): Promise<void>;
}

export interface HeldRequest {
  seen: Promise<void>;
  release(): void;
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
  let hold: { prefix: string; arrived: () => void; gate: Promise<void> } | null = null;
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
    // While a held request waits, this connection's bytes queue behind its gate, in order.
    let gate: Promise<void> | null = null;
    const forward = (chunk: Buffer) => {
      if (gate) void gate.then(() => upstream.write(chunk));
      else upstream.write(chunk);
    };
    client.on('data', (chunk: Buffer) => {
      if (hold && chunk.toString('latin1', 0, hold.prefix.length) === hold.prefix) {
        gate = hold.gate;
        hold.arrived();
        hold = null;
      }
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
      forward(chunk);
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
    holdRequest(prefix) {
      let arrived!: () => void;
      let release!: () => void;
      const seen = new Promise<void>((resolve) => (arrived = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      hold = { prefix, arrived, gate };
      return { seen, release };
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
