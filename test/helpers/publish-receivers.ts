import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateNinjs } from '../../shared/interchange/ninjs/validate-ninjs';

/** One request an HTTP receiver got, as a CMS would check it. */
export interface Received {
  deliveryId: string;
  signatureValid: boolean;
  schemaErrors: string[];
  contentType: string;
  body: Record<string, unknown>;
  /** What the receiver answered (0: it never answered — held or cut off). */
  answered: number;
}

/** How the receiver answers its nth request (1-based): a status, after a pause, or never (held until released). */
export type Answer = { status: number; body?: string; delayMs?: number } | 'hold' | 'cut';

export interface HttpReceiver {
  url: string;
  port: number;
  received: Received[];
  /** Delivery ids answered 2xx. */
  accepted(): string[];
  /** Answers every held request with this status. */
  release(status: number): void;
  stop(): Promise<void>;
  /** Listens again on the same port (a receiver that was down comes back). */
  start(): Promise<void>;
}

/** An HTTP receiver on 127.0.0.1 that checks X-Lede-Signature with the secret and the body against the ninjs 2.2 schema. */
export async function startHttpReceiver(secret: string, answer: (n: number, received: Received) => Answer = () => ({ status: 200 }), port = 0): Promise<HttpReceiver> {
  const received: Received[] = [];
  const held: Array<{ response: http.ServerResponse; entry: Received }> = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
      const given = Buffer.from(String(request.headers['x-lede-signature'] ?? ''));
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        body = {};
      }
      const entry: Received = {
        deliveryId: String(request.headers['x-lede-delivery'] ?? ''),
        signatureValid: given.length === expected.length && timingSafeEqual(given, expected),
        schemaErrors: validateNinjs(body).errors,
        contentType: String(request.headers['content-type'] ?? ''),
        body,
        answered: 0,
      };
      received.push(entry);
      const plan = answer(received.length, entry);
      if (plan === 'hold') return void held.push({ response, entry });
      // Closes the connection without an answer (a receiver that dies mid-request).
      if (plan === 'cut') return void request.socket.destroy();
      const reply = () => {
        entry.answered = plan.status;
        response.writeHead(plan.status, { 'Content-Type': 'text/plain' }).end(plan.body ?? '');
      };
      if (plan.delayMs) setTimeout(reply, plan.delayMs);
      else reply();
    });
  });
  const listen = (on: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(on, '127.0.0.1', () => resolve());
    });
  await listen(port);
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/inbox`,
    port: bound,
    received,
    accepted: () => received.filter((entry) => entry.answered >= 200 && entry.answered < 300).map((entry) => entry.deliveryId),
    release(status) {
      for (const { response, entry } of held.splice(0)) {
        entry.answered = status;
        if (!response.writableEnded && !response.destroyed) response.writeHead(status).end();
      }
    },
    async stop() {
      for (const { response } of held.splice(0)) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    start: () => listen(bound),
  };
}

/** An SFTP server on 127.0.0.1 (ssh2's Server) writing into a local folder; one account with a password. */
export interface SftpReceiver {
  port: number;
  /** `SHA256:…` of its host key, as `ssh-keygen -lf` shows it. */
  fingerprint: string;
  /** Every path it was asked to open for writing, and every rename (from → to), in order. */
  log: string[];
  stop(): Promise<void>;
}

export async function startSftpReceiver(root: string, account: { user: string; password: string }): Promise<SftpReceiver> {
  const { Server, utils } = await import('ssh2');
  const { STATUS_CODE, OPEN_MODE } = utils.sftp;
  const keys = utils.generateKeyPairSync('ed25519');
  const parsed = utils.parseKey(keys.private);
  if (parsed instanceof Error) throw parsed;
  const fingerprint = `SHA256:${createHash('sha256').update(parsed.getPublicSSH()).digest('base64').replace(/=+$/, '')}`;
  const log: string[] = [];
  const local = (remote: string) => path.join(root, path.posix.normalize(`/${remote}`));
  const server = new Server({ hostKeys: [keys.private] }, (client) => {
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && ctx.username === account.user && ctx.password === account.password) ctx.accept();
      else ctx.reject(['password']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => {
          const sftp = acceptSftp();
          const handles = new Map<number, number>();
          let next = 0;
          const handle = (fd: number) => {
            const id = next++;
            handles.set(id, fd);
            const buffer = Buffer.alloc(4);
            buffer.writeUInt32BE(id);
            return buffer;
          };
          const fdOf = (buffer: Buffer) => handles.get(buffer.readUInt32BE(0));
          const fail = (reqid: number, error: unknown) => sftp.status(reqid, (error as NodeJS.ErrnoException).code === 'ENOENT' ? STATUS_CODE.NO_SUCH_FILE : STATUS_CODE.FAILURE);
          const attrs = (stat: fs.Stats) => ({ mode: stat.mode, uid: 0, gid: 0, size: stat.size, atime: Math.floor(stat.atimeMs / 1000), mtime: Math.floor(stat.mtimeMs / 1000) });
          sftp.on('REALPATH', (reqid, given) => sftp.name(reqid, [{ filename: path.posix.normalize(`/${given}`), longname: '', attrs: {} as never }]));
          const stat = (reqid: number, given: string) => {
            try {
              sftp.attrs(reqid, attrs(fs.statSync(local(given))));
            } catch (error) {
              fail(reqid, error);
            }
          };
          sftp.on('STAT', stat);
          sftp.on('LSTAT', stat);
          sftp.on('OPEN', (reqid, filename, flags) => {
            try {
              if (!(flags & OPEN_MODE.WRITE)) return sftp.status(reqid, STATUS_CODE.OP_UNSUPPORTED);
              log.push(`open ${filename}`);
              sftp.handle(reqid, handle(fs.openSync(local(filename), 'w')));
            } catch (error) {
              fail(reqid, error);
            }
          });
          sftp.on('WRITE', (reqid, buffer, offset, data) => {
            const fd = fdOf(buffer);
            if (fd === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE);
            fs.writeSync(fd, data, 0, data.length, offset);
            sftp.status(reqid, STATUS_CODE.OK);
          });
          sftp.on('FSTAT', (reqid, buffer) => {
            const fd = fdOf(buffer);
            if (fd === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE);
            sftp.attrs(reqid, attrs(fs.fstatSync(fd)));
          });
          sftp.on('FSETSTAT', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
          sftp.on('SETSTAT', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
          sftp.on('CLOSE', (reqid, buffer) => {
            const fd = fdOf(buffer);
            if (fd !== undefined) fs.closeSync(fd);
            handles.delete(buffer.readUInt32BE(0));
            sftp.status(reqid, STATUS_CODE.OK);
          });
          sftp.on('RENAME', (reqid, from, to) => {
            try {
              // SFTP v3: a rename never replaces.
              if (fs.existsSync(local(to))) return sftp.status(reqid, STATUS_CODE.FAILURE);
              fs.renameSync(local(from), local(to));
              log.push(`rename ${from} -> ${to}`);
              sftp.status(reqid, STATUS_CODE.OK);
            } catch (error) {
              fail(reqid, error);
            }
          });
          sftp.on('REMOVE', (reqid, filename) => {
            try {
              fs.unlinkSync(local(filename));
              sftp.status(reqid, STATUS_CODE.OK);
            } catch (error) {
              fail(reqid, error);
            }
          });
          sftp.on('MKDIR', (reqid, given) => {
            try {
              fs.mkdirSync(local(given));
              sftp.status(reqid, STATUS_CODE.OK);
            } catch (error) {
              fail(reqid, error);
            }
          });
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    fingerprint,
    log,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An FTP server on 127.0.0.1 (ftp-srv) writing into a local folder; one account. Plain FTP (it offers no TLS). */
export interface FtpReceiver {
  port: number;
  /** Every upload (its name as sent) and rename, in order. */
  log: string[];
  stop(): Promise<void>;
}

export async function startFtpReceiver(root: string, account: { user: string; password: string }): Promise<FtpReceiver> {
  const { FtpSrv } = await import('ftp-srv');
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const log: string[] = [];
  const server = new FtpSrv({ url: `ftp://127.0.0.1:${port}`, pasv_url: '127.0.0.1', pasv_min: 40000, pasv_max: 40100, anonymous: false, log: quietLog() as never });
  server.on('login', ({ connection, username, password }, resolve, reject) => {
    if (username !== account.user || password !== account.password) return reject(new Error('Bad user or password'));
    connection.on('STOR', (error: Error | null, fileName: string) => !error && log.push(`stor ${path.basename(fileName)}`));
    connection.on('RNTO', (error: Error | null, fileName: string) => !error && log.push(`rename -> ${path.basename(fileName)}`));
    resolve({ root });
  });
  server.on('client-error', () => undefined);
  await server.listen();
  return { port, log, stop: () => server.close() };
}

/** ftp-srv logs with bunyan; the tests want none of it. */
function quietLog() {
  const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, child: () => quiet };
  return quiet;
}
