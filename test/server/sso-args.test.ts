import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../server/args';
import { makeTempDir } from '../helpers/temp-dir';

const ISSUER = ['--oidc-issuer', 'https://login.newsroom.example/realms/staff', '--oidc-client-id', 'lede-sync'];

describe('the --oidc-* options', () => {
  it('defaults: match sub, refuse unknown people, reporters, no desk; the secret from the environment', () => {
    expect(parseServerArgs(ISSUER, '/', { LEDE_OIDC_CLIENT_SECRET: 's3cret' })).toMatchObject({
      kind: 'serve',
      oidc: { issuer: 'https://login.newsroom.example/realms/staff', clientId: 'lede-sync', clientSecret: 's3cret', match: 'sub', unknown: 'refuse', defaultRole: 'reporter', defaultDesk: null, publicUrl: null },
    });
    expect(parseServerArgs([], '/', {})).toMatchObject({ kind: 'serve', oidc: undefined });
  });

  it('the secret from a file (trimmed), email matching, provisioning with a role and desk, a public address', () => {
    const dir = makeTempDir('lede-oidc-args-');
    fs.writeFileSync(path.join(dir, 'secret'), '  from-a-file\n');
    const args = [...ISSUER, '--oidc-client-secret-file', 'secret', '--oidc-match', 'email', '--oidc-unknown', 'provision', '--oidc-default-role', 'photo-editor', '--oidc-default-desk', 'Photo', '--public-url', 'https://sync.newsroom.example/'];
    expect(parseServerArgs(args, dir, {})).toMatchObject({
      oidc: { clientSecret: 'from-a-file', match: 'email', unknown: 'provision', defaultRole: 'photo-editor', defaultDesk: 'Photo', publicUrl: 'https://sync.newsroom.example' },
    });
  });

  it.each([
    [['--oidc-issuer', 'https://login.example'], /needs both --oidc-issuer URL and --oidc-client-id/],
    [ISSUER, /needs the client secret/],
    [['--oidc-issuer', 'http://login.newsroom.example', '--oidc-client-id', 'x'], /must be an https:\/\/ address/],
    [['--oidc-issuer', 'not a url', '--oidc-client-id', 'x'], /is not an address/],
    [[...ISSUER, '--oidc-match', 'name'], /--oidc-match is sub or email/],
    [[...ISSUER, '--oidc-unknown', 'maybe'], /--oidc-unknown is refuse or provision/],
    [[...ISSUER, '--oidc-default-role', 'boss'], /--oidc-default-role is one of/],
    [[...ISSUER, '--oidc-client-secret-file', '/nonexistent/secret'], /Cannot read --oidc-client-secret-file/],
    [['user', 'list', ...ISSUER], /does not apply here/],
  ])('%j is refused, saying why', (args, message) => {
    const env = args.includes('--oidc-client-secret-file') || args === ISSUER ? {} : { LEDE_OIDC_CLIENT_SECRET: 'x' };
    expect(() => parseServerArgs(args, '/', env)).toThrow(message);
  });

  it('user link ties a subject or a lower-cased email to an account, and needs exactly one of them', () => {
    expect(parseServerArgs(['user', 'link', 'Wesley Rahn', '--oidc-issuer', 'https://login.example', '--sub', 'abc'], '/', {})).toMatchObject({
      kind: 'user-link',
      name: 'Wesley Rahn',
      identity: { issuer: 'https://login.example', claim: 'sub', subject: 'abc' },
    });
    expect(parseServerArgs(['user', 'link', 'Wesley Rahn', '--oidc-issuer', 'https://login.example', '--email', ' W.Rahn@Newsroom.Example '], '/', {})).toMatchObject({
      identity: { claim: 'email', subject: 'w.rahn@newsroom.example' },
    });
    expect(() => parseServerArgs(['user', 'link', 'Wesley Rahn', '--oidc-issuer', 'https://login.example'], '/', {})).toThrow(/one of --sub SUBJECT or --email/);
    expect(() => parseServerArgs(['user', 'link', 'Wesley Rahn', '--sub', 'a', '--email', 'b@c'], '/', {})).toThrow(/needs --oidc-issuer/);
  });
});
