import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { silentLogger } from '../../../electron/core/log';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { fileModeSealer } from '../../../electron/core/secrets/secret-sealer';
import { SecretStore } from '../../../electron/core/secrets/secret-store';
import { SyncStore } from '../../../electron/core/sync/sync-store';
import { connect, openTestCore } from '../../helpers/core';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * The sync token and every change cross the network only encrypted: plain
 * http:// is refused for any host but this computer's own, unless the
 * machine policy names the host as a test network. No test here sends a
 * packet off this computer: every refusal happens before a connection.
 */
let cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.map((core) => core.close()));
  cores = [];
});

function open(policy?: unknown, dataDir = makeTempDir()): Core {
  const policyFile = path.join(makeTempDir('lede-policy-'), 'policy.json');
  if (policy !== undefined) fs.writeFileSync(policyFile, JSON.stringify(policy));
  const core = openTestCore({ dataDir, policyFile });
  cores.push(core);
  return core;
}

describe('no cleartext to the newsroom', () => {
  it('signing in over http:// to another computer is refused before anything is sent', async () => {
    const client = connect(open());
    for (const serverUrl of ['http://sync.newsroom.example', 'ws://sync.newsroom.example/sync', 'http://10.1.2.3:4818']) {
      const result = await client.session.invoke('sync.signIn', { serverUrl, token: 'lede_secret' });
      expect(result).toMatchObject({ ok: false, error: { code: 'insecure_address', message: expect.stringContaining('https://') } });
    }
    expect((await client.call('sync.status', {})).state).toBe('signed_out');
  });

  it('a policy with an http:// address for another computer is not applied, and says why', async () => {
    for (const policy of [{ syncServerUrl: 'http://sync.newsroom.example' }, { updateFeedUrl: 'http://updates.newsroom.example/lede/' }, { dictionaryUrl: 'http://updates.newsroom.example/hunspell/' }]) {
      const config = await connect(open(policy)).call('config.get', {});
      expect(config.policyProblem).toContain('unencrypted');
      expect(config.syncServerUrl).toBeNull();
    }
  });

  it('a test network named in the policy may use http://', async () => {
    const config = await connect(open({ syncServerUrl: 'http://sync.test-lab.example:4818', insecureHosts: ['sync.test-lab.example'] })).call('config.get', {});
    expect(config.policyProblem).toBeNull();
    expect(config.syncServerUrl).toBe('http://sync.test-lab.example:4818');
  });

  it('an account saved with an http:// address elsewhere does not connect, and says why', async () => {
    const dataDir = makeTempDir();
    const first = open(undefined, dataDir);
    const store = new SyncStore(first.internals.db, new SettingsStore(first.internals.db, silentLogger), new SecretStore(dataDir, fileModeSealer, silentLogger));
    store.setAccount({ serverUrl: 'http://sync.newsroom.example', token: 'lede_secret', name: 'Richard Connor', role: 'editor', desks: [], serverId: 'srv' });
    await first.close();
    cores = [];
    const again = open(undefined, dataDir);
    const status = await connect(again).call('sync.status', {});
    expect(status).toMatchObject({ state: 'error', error: { code: 'insecure_address' } });
  });
});
