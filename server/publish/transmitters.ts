import { createHash, createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Client as FtpClient } from 'basic-ftp';
import SftpClient from 'ssh2-sftp-client';
import { ANSWER_KEPT_BYTES } from '../../shared/publishing/transmissions';
import type { FolderSettings, FtpSettings, HttpSettings, SftpSettings } from './output-config';
import type { OutputRow } from './publishing-db';

/**
 * Sending one version of one story to one output. Each transmitter says
 * how it went in the three ways the queue acts on: sent; failed (down,
 * slow, 5xx, cut off: tried again later); refused (the receiver said no,
 * or the settings cannot work: not tried again until someone acts).
 * Files are written under a temporary name and renamed when complete, so a
 * watcher never sees a partial file under its final name.
 */

export interface Delivery {
  deliveryId: string;
  /** The ninjs as sent. */
  body: string;
  /** `<slug-or-id>-v<version>.json` */
  fileName: string;
  /** The story's photos, for file outputs: written before the JSON, so the JSON's arrival means all is there. */
  files: Array<{ fileName: string; bytes: () => Promise<Buffer> }>;
}

export type SendResult = { kind: 'sent' } | { kind: 'failed'; error: string } | { kind: 'refused'; error: string; status: number | null; answer: string };

/** The signature a receiver checks: HMAC-SHA256 of the exact body bytes with the output's secret. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function transmit(output: OutputRow, secret: string | null, delivery: Delivery, timeoutMs: number): Promise<SendResult> {
  const needsSecret = output.type === 'http' || output.type === 'ftp' || output.type === 'sftp';
  if (needsSecret && secret === null) {
    return { kind: 'failed', error: `This server process has no secret file for the output (secrets/outputs/${output.name}.secret in its data folder): add the output again, or copy the file from the server where it was added.` };
  }
  try {
    switch (output.type) {
      case 'http':
        return await sendHttp(output.config as unknown as HttpSettings, secret!, delivery, timeoutMs);
      case 'folder':
        return await writeFolder(output.config as unknown as FolderSettings, delivery);
      case 'sftp':
        return await sendSftp(output.config as unknown as SftpSettings, secret!, delivery, timeoutMs);
      case 'ftp':
        return await sendFtp(output.config as unknown as FtpSettings, secret!, delivery, timeoutMs);
    }
  } catch (error) {
    return { kind: 'failed', error: describeError(error) };
  }
}

function describeError(error: unknown): string {
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'The receiver did not answer in time.';
  const code = err.cause?.code ?? err.code;
  const message = err.cause?.message ?? err.message ?? String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

const kept = (text: string) => Buffer.from(text).subarray(0, ANSWER_KEPT_BYTES).toString('utf8').replace(/\uFFFD$/, '');

async function sendHttp(settings: HttpSettings, secret: string, delivery: Delivery, timeoutMs: number): Promise<SendResult> {
  const response = await fetch(settings.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Lede-Signature': signature(delivery.body, secret),
      'X-Lede-Delivery': delivery.deliveryId,
    },
    body: delivery.body,
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  const answer = await response.text().catch(() => '');
  if (response.status >= 200 && response.status < 300) return { kind: 'sent' };
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
    return { kind: 'refused', error: `The receiver refused it (${response.status} ${response.statusText}).`, status: response.status, answer: kept(answer) };
  }
  // 5xx, and 408/429 (the receiver asks for later): tried again.
  return { kind: 'failed', error: `The receiver answered ${response.status} ${response.statusText}.` };
}

async function writeFolder(settings: FolderSettings, delivery: Delivery): Promise<SendResult> {
  fs.mkdirSync(settings.path, { recursive: true });
  const place = async (fileName: string, bytes: Buffer | string) => {
    const temporary = path.join(settings.path, `.tmp-${delivery.deliveryId}-${randomUUID().slice(0, 8)}-${fileName}`);
    const fd = fs.openSync(temporary, 'w', 0o644);
    try {
      fs.writeFileSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, path.join(settings.path, fileName));
  };
  for (const file of delivery.files) await place(file.fileName, await file.bytes());
  await place(delivery.fileName, delivery.body);
  return { kind: 'sent' };
}

/** OpenSSH's fingerprint of a host key: `SHA256:` and the unpadded base64 of its hash. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

async function sendSftp(settings: SftpSettings, secret: string, delivery: Delivery, timeoutMs: number): Promise<SendResult> {
  const client = new SftpClient();
  let offered: string | null = null;
  try {
    await client.connect({
      host: settings.host,
      port: settings.port,
      username: settings.user,
      ...(settings.auth === 'key' ? { privateKey: secret } : { password: secret }),
      readyTimeout: timeoutMs,
      // Never trusted on first use: the key must be the one configured.
      hostVerifier: (key: Buffer) => {
        offered = hostKeyFingerprint(key);
        return offered === settings.hostKey;
      },
    });
  } catch (error) {
    if (offered !== null && offered !== settings.hostKey) {
      return {
        kind: 'refused',
        error: `The SFTP server's host key is ${offered}, not the configured ${settings.hostKey}: not sent. If the server's key really changed, remove the output and add it again with the new --host-key.`,
        status: null,
        answer: '',
      };
    }
    if (/authentication/i.test((error as Error).message)) {
      return { kind: 'refused', error: `The SFTP server refused the account "${settings.user}": check the password or key.`, status: null, answer: kept((error as Error).message) };
    }
    throw error;
  }
  try {
    const work = async () => {
      if (!(await client.exists(settings.path))) await client.mkdir(settings.path, true);
      const place = async (fileName: string, bytes: Buffer) => {
        const final = path.posix.join(settings.path, fileName);
        const temporary = path.posix.join(settings.path, `.tmp-${delivery.deliveryId}-${fileName}`);
        await client.put(bytes, temporary);
        // SFTP's rename does not replace: an earlier copy of this very version (a send cut off after its rename) goes first.
        await client.delete(final, true);
        await client.rename(temporary, final);
      };
      for (const file of delivery.files) await place(file.fileName, await file.bytes());
      await place(delivery.fileName, Buffer.from(delivery.body));
    };
    await withTimeout(work(), timeoutMs);
    return { kind: 'sent' };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function sendFtp(settings: FtpSettings, secret: string, delivery: Delivery, timeoutMs: number): Promise<SendResult> {
  const connect = async (secure: boolean) => {
    const client = new FtpClient(timeoutMs);
    try {
      await client.access({ host: settings.host, port: settings.port, user: settings.user, password: secret, secure, secureOptions: { rejectUnauthorized: true } });
      return client;
    } catch (error) {
      client.close();
      throw error;
    }
  };
  let client: FtpClient;
  try {
    client = await connect(true);
  } catch (error) {
    const code = (error as { code?: number }).code;
    // The server offers no TLS (AUTH TLS refused with a 5xx): plain FTP only where the output allows it.
    const noTls = typeof code === 'number' && code >= 500 && code < 600 && /AUTH|TLS|SSL|command/i.test((error as Error).message);
    if (!noTls) return ftpFailure(error, settings);
    if (settings.tls === 'require') return { kind: 'refused', error: 'The FTP server does not offer TLS, and this output requires it (--tls require).', status: code ?? null, answer: kept((error as Error).message) };
    try {
      client = await connect(false);
    } catch (plainError) {
      return ftpFailure(plainError, settings);
    }
  }
  try {
    const work = async () => {
      await client.ensureDir(settings.path);
      const place = async (fileName: string, bytes: Buffer) => {
        const temporary = `.tmp-${delivery.deliveryId}-${fileName}`;
        await client.uploadFrom(Readable.from([bytes]), temporary);
        await client.remove(fileName, true);
        await client.rename(temporary, fileName);
      };
      for (const file of delivery.files) await place(file.fileName, await file.bytes());
      await place(delivery.fileName, Buffer.from(delivery.body));
    };
    await withTimeout(work(), timeoutMs);
    return { kind: 'sent' };
  } finally {
    client.close();
  }
}

function ftpFailure(error: unknown, settings: FtpSettings): SendResult {
  const code = (error as { code?: number }).code;
  if (code === 530) return { kind: 'refused', error: `The FTP server refused the account "${settings.user}": check the password.`, status: code, answer: kept((error as Error).message) };
  return { kind: 'failed', error: describeError(error) };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('The receiver did not finish in time.'), { name: 'TimeoutError' })), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
