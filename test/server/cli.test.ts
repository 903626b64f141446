import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../server/args';
import { openApiSocket, sessionCookie } from '../helpers/api-socket';
import { bundleScript } from '../helpers/bundle-script';
import { repoRoot } from '../helpers/fixtures';
import { waitUntil } from '../helpers/sync';
import { startSyncServerProcess, type SyncServerProcess } from '../helpers/sync-server-process';
import { makeTempDir } from '../helpers/temp-dir';
import { startWebShellProcess, type WebShellProcess } from '../helpers/web-shell-process';

const running: Array<SyncServerProcess | WebShellProcess> = [];
afterAll(async () => {
  for (const process of running) await process.stop();
});

async function cli(args: string[]) {
  const file = await bundleScript('server/main.ts');
  const result = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('server arguments', () => {
  it('serves 127.0.0.1 by default; --host, --port and TLS files are taken as given', () => {
    expect(parseServerArgs(['--data-dir', '/srv/lede'], '/')).toMatchObject({ kind: 'serve', dataDir: '/srv/lede', host: '127.0.0.1', port: 4818 });
    expect(parseServerArgs(['--port=0', '--host', '0.0.0.0', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'], '/etc')).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      tls: { certFile: '/etc/c.pem', keyFile: '/etc/k.pem' },
    });
  });

  it('takes the connection limits; X-Forwarded-For is trusted only from named proxies', () => {
    expect(parseServerArgs([], '/')).toMatchObject({ limits: {} });
    expect(
      parseServerArgs(
        ['--trust-proxy', '10.0.0.5, ::1', '--max-connections-per-address=40', '--max-connections-per-account', '3', '--auth-timeout-s', '2', '--max-auth-failures', '5', '--max-frame-mb', '64'],
        '/',
      ),
    ).toMatchObject({
      limits: { trustedProxies: ['10.0.0.5', '::1'], maxConnectionsPerAddress: 40, maxConnectionsPerAccount: 3, authTimeoutMs: 2000, authFailures: 5, maxFrameBytes: 64 * 1024 * 1024 },
    });
  });

  it('takes the per-document size limit, never above the frame size', () => {
    expect(parseServerArgs(['--max-document-mb', '2'], '/')).toMatchObject({ limits: { maxDocumentBytes: 2 * 1024 * 1024 } });
    // A frame limit below the default document limit brings the document limit down with it.
    expect(parseServerArgs(['--max-frame-mb', '4'], '/')).toMatchObject({ limits: { maxFrameBytes: 4 * 1024 * 1024, maxDocumentBytes: 4 * 1024 * 1024 } });
    expect(() => parseServerArgs(['--max-frame-mb', '4', '--max-document-mb', '5'], '/')).toThrow(/must not be above --max-frame-mb \(4\)/);
    expect(() => parseServerArgs(['--max-document-mb', '0'], '/')).toThrow(/whole number from 1/);
  });

  it('takes the purge retention and bound; restore and audit name a document by its name or bare id', () => {
    expect(parseServerArgs([], '/')).toMatchObject({ kind: 'serve', purgeRetentionDays: 30 });
    expect(parseServerArgs(['--purge-retention-days', '0', '--max-purges-per-hour', '5'], '/')).toMatchObject({ purgeRetentionDays: 0, limits: { maxPurgesPerHour: 5 } });
    const id = '4ae6c0a1-4f70-45aa-aa04-264e1c7d07b5';
    expect(parseServerArgs(['restore', id], '/')).toMatchObject({ kind: 'restore', document: `article:${id}`, purgeRetentionDays: 30 });
    expect(parseServerArgs(['restore', `article:${id.toUpperCase()}`, '--purge-retention-days', '7'], '/')).toMatchObject({ document: `article:${id}`, purgeRetentionDays: 7 });
    expect(parseServerArgs(['audit', '--account', 'Wesley Rahn', '--since', '2026-12-01T09:00'], '/')).toMatchObject({
      kind: 'audit',
      by: 'account',
      account: 'Wesley Rahn',
      sinceMs: Date.UTC(2026, 11, 1, 9, 0),
      limit: 50,
    });
  });

  it.each([
    [['--purge-retention-days', '-1'], /whole number of days/],
    [['--purge-retention-days', '1.5'], /whole number of days/],
    [['--max-purges-per-hour', '0'], /whole number from 1/],
    [['restore'], /takes one DOC/],
    [['restore', 'a', 'b'], /takes one DOC/],
    [['restore', "article:x' OR 1=1"], /is not a document/],
    [['restore', 'x', '--port', '1'], /does not apply/],
    [['audit'], /needs one of --document DOC or --account NAME/],
    [['audit', '--document', 'article:nope'], /is not a document/],
    [['audit', '--account', 'A', '--since', '2026-02-30'], /--since must be an ISO 8601 date/],
    [['audit', '--account', 'A', '--limit', '0'], /--limit must be/],
    [['audit', '--document', '4ae6c0a1-4f70-45aa-aa04-264e1c7d07b5', '--since', '2026-01-01'], /--since goes with --account/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseServerArgs(argv, '/')).toThrow(message);
  });

  it.each([
    [['--trust-proxy', 'lb.example'], /IP addresses/],
    [['--max-connections-per-address', '0'], /whole number/],
    [['--auth-timeout-s', '1.5'], /whole number/],
    [['user', 'list', '--trust-proxy', '10.0.0.1'], /does not apply/],
    [['--port', '70000'], /--port must be/],
    [['user', 'add', 'A', '--role', 'reporter', '--role', 'editor'], /given more than once/],
    [['desk', 'add', ' '], /needs a name/],
    [['desk', 'add', 'x'.repeat(61)], /at most 60/],
    [['desk', 'member', 'add', 'Sport'], /desk member add DESK USER/],
    [['desk', 'add', 'Sport', '--role', 'editor'], /does not apply/],
    [['--port', 'x'], /--port must be/],
    [['--tls-cert', 'c.pem'], /go together/],
    [['--colour'], /Unknown option --colour/],
    [['serve'], /Unknown command "serve"/],
    [['user', 'add', 'Ann'], /needs --role/],
    [['user', 'add', 'Ann', '--role', 'boss'], /"boss" is not a role: use reporter, editor, photo-editor, reader, admin/],
    [['user', 'add', '--role', 'editor'], /needs a NAME/],
    [['user', 'frobnicate', 'Ann'], /Unknown user command/],
    [['user', 'add', 'Ann', 'Smith', '--role', 'editor'], /Quote a name/],
    [['user', 'list', '--port', '1'], /does not apply/],
  ])('%j is refused with a reason', (argv, reason) => {
    expect(() => parseServerArgs(argv as string[])).toThrow(reason);
  });
});

describe('server command line', () => {
  it('user add prints the token once, as its last line; list and revoke manage accounts', async () => {
    const dataDir = makeTempDir('lede-server-');
    const added = await cli(['user', 'add', 'Wesley Rahn', '--role', 'editor', '--data-dir', dataDir]);
    expect(added.code).toBe(0);
    const lines = added.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^lede_[A-Za-z0-9_-]{43}$/);
    const again = await cli(['user', 'add', 'Wesley Rahn', '--role', 'reader', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already a user called "Wesley Rahn"');
    const list = await cli(['user', 'list', '--data-dir', dataDir]);
    expect(list.stdout).toMatch(/Wesley Rahn\s+editor\s+—\s+\S+ \S+\s+active/);
    expect(list.stdout).not.toContain(lines.at(-1));
    expect((await cli(['user', 'revoke', 'Wesley Rahn', '--data-dir', dataDir])).code).toBe(0);
    expect((await cli(['user', 'list', '--data-dir', dataDir])).stdout).toMatch(/Wesley Rahn\s+editor\s+—\s+\S+ \S+\s+revoked/);
    const missing = await cli(['user', 'revoke', 'Nobody', '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no active account called "Nobody"');
  });

  it('desks: add, list, members; user add --desk (first desk is the default), set-role; typos make nothing', async () => {
    const dataDir = makeTempDir('lede-server-');
    const run = (...args: string[]) => cli([...args, '--data-dir', dataDir]);
    expect((await run('desk', 'list')).stdout).toContain('No desks yet');
    expect((await run('desk', 'add', 'Politics')).code).toBe(0);
    expect((await run('desk', 'add', 'Sport')).code).toBe(0);
    const twice = await run('desk', 'add', 'Sport');
    expect([twice.code, twice.stderr]).toEqual([1, expect.stringContaining('already a desk called "Sport"')]);
    const typo = await run('user', 'add', 'Anna Wood', '--role', 'reporter', '--desk', 'Politics', '--desk', 'Sprot');
    expect([typo.code, typo.stderr]).toEqual([1, expect.stringContaining('no desk called "Sprot"')]);
    expect((await run('user', 'list')).stdout).toContain('No accounts yet');
    const added = await run('user', 'add', 'Anna Wood', '--role', 'reporter', '--desk', 'Sport', '--desk', 'Politics');
    expect(added.stdout).toContain('reporter account "Anna Wood" on "Sport", "Politics"');
    expect((await run('user', 'list')).stdout).toMatch(/Anna Wood\s+reporter\s+Sport, Politics\s+/);
    expect((await run('user', 'add', 'Tom Price', '--role', 'photo-editor')).code).toBe(0);
    expect((await run('desk', 'member', 'add', 'Politics', 'Tom Price')).code).toBe(0);
    expect((await run('desk', 'list')).stdout).toMatch(/Politics\s+Anna Wood, Tom Price\nSport\s+Anna Wood/);
    const stranger = await run('desk', 'member', 'add', 'Politics', 'Nobody');
    expect([stranger.code, stranger.stderr]).toEqual([1, expect.stringContaining('no active account called "Nobody"')]);
    expect((await run('user', 'set-role', 'Anna Wood', '--role', 'editor')).stdout).toContain('"Anna Wood" is now desk editor');
    expect((await run('user', 'set-role', 'Anna Wood', '--role', 'boss')).stderr).toContain('"boss" is not a role: use reporter, editor, photo-editor, reader, admin.');
    expect((await run('user', 'set-role', 'Anna Wood')).stderr).toContain('needs --role reporter|editor|photo-editor|reader|admin');
    // The role may also follow the name as a bare word; an unquoted two-word name is not taken for one.
    expect((await run('user', 'set-role', 'Anna Wood', 'reader')).stdout).toContain('"Anna Wood" is now');
    expect((await run('user', 'set-role', 'Anna', 'Wood')).stderr).toContain('"Wood" is not a role: use reporter, editor, photo-editor, reader, admin. (A name with spaces needs quotes.)');
    expect((await run('user', 'set-role', 'Anna', 'Wood', '--role', 'editor')).stderr).toContain('Unexpected "Wood". Quote a name with spaces.');
    expect((await run('user', 'set-role', 'Anna Wood', 'editor')).stdout).toContain('"Anna Wood" is now desk editor');
    expect((await run('desk', 'member', 'remove', 'Sport', 'Anna Wood')).code).toBe(0);
    expect((await run('user', 'list')).stdout).toMatch(/Anna Wood\s+editor\s+Politics\s+/);
    expect((await run('desk', 'member', 'remove', 'Sport', 'Anna Wood')).stderr).toContain('not on the desk "Sport"');
  });

  it('prints exactly one line on stdout when ready', async () => {
    const server = await startSyncServerProcess();
    running.push(server);
    expect(server.process.lines()).toEqual([`Lede sync server listening on http://127.0.0.1:${server.port}`]);
  });

  it('a port in use is refused with a message', async () => {
    const server = await startSyncServerProcess();
    running.push(server);
    const clash = await cli(['--data-dir', makeTempDir('lede-server-'), '--port', String(server.port)]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(`port ${server.port} is in use`);
  });

  it('with --tls-cert/--tls-key it serves https and wss; a workstation trusting the certificate syncs over it', async () => {
    const tls = path.join(repoRoot, 'test', 'fixtures', 'tls');
    const server = await startSyncServerProcess({ args: ['--tls-cert', path.join(tls, 'test-server.crt'), '--tls-key', path.join(tls, 'test-server.key')] });
    running.push(server);
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
    const token = await server.addUser('Richard Connor', 'editor');
    // A newsroom's own CA reaches Node through NODE_EXTRA_CA_CERTS.
    const shell = await startWebShellProcess({ dataDir: makeTempDir(), env: { NODE_EXTRA_CA_CERTS: path.join(tls, 'test-server.crt') } });
    running.push(shell);
    const socket = await openApiSocket(shell.port, await sessionCookie(shell.port, shell.token));
    await socket.call('profile.set', { name: 'Richard Connor', role: 'reporter' });
    await socket.call('sync.signIn', { serverUrl: server.url, token });
    await socket.call('article.create', {});
    await waitUntil(async () => (await socket.call('sync.status', {})).state === 'synced', 'the story to sync over TLS');
    socket.close();
  });
});
