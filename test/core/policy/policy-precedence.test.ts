import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_LIMITS } from '../../../shared/config';
import type { Core } from '../../../electron/core/core';
import { connect, openTestCore, REPORTER } from '../../helpers/core';
import { makeTempDir } from '../../helpers/temp-dir';

/** Defaults < user settings < policy, through the real core and its API. */
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

function withPolicy(policy: unknown, dataDir = makeTempDir()): { core: Core; dataDir: string } {
  const policyFile = path.join(makeTempDir('lede-policy-'), 'policy.json');
  fs.writeFileSync(policyFile, typeof policy === 'string' ? policy : JSON.stringify(policy));
  core = openTestCore({ dataDir, policyFile });
  return { core, dataDir };
}

describe('managed configuration', () => {
  it('a sync server set by policy is the only one anyone can sign in to', async () => {
    // Port 9 on this machine: nothing listens there, so signing in to it fails at once, but not by policy.
    const { core: managed } = withPolicy({ syncServerUrl: 'ws://127.0.0.1:9/sync' });
    const client = connect(managed);
    expect(await client.call('config.get', {})).toMatchObject({ syncServerUrl: 'ws://127.0.0.1:9/sync', locked: expect.arrayContaining(['syncServerUrl']) });
    const elsewhere = await client.session.invoke('sync.signIn', { serverUrl: 'https://other.example', token: 'lede_x' });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'locked_by_policy', message: expect.stringContaining('ws://127.0.0.1:9/sync') } });
    const there = await client.session.invoke('sync.signIn', { serverUrl: 'http://127.0.0.1:9/', token: 'lede_x' });
    expect(there.ok).toBe(false);
    expect(there.ok ? null : there.error.code).not.toBe('locked_by_policy');
  });

  it('without a policy: the defaults, nothing locked, no problem', async () => {
    core = openTestCore();
    const config = await connect(core).call('config.get', {});
    expect(config).toMatchObject({ sections: DEFAULT_CONFIG.sections, limits: DEFAULT_LIMITS, locked: [], policyProblem: null, syncServerUrl: null });
  });

  it('a policy beats what the person saved, and its settings are locked', async () => {
    // First the person's own settings, with no policy on the machine.
    const dataDir = makeTempDir();
    core = openTestCore({ dataDir });
    await connect(core).call('config.set', { sections: ['Mine'], defaultLanguage: 'fr', limits: { teaser: { warn: 10, error: 20 }, headline: { warn: 5, error: 6 } } });
    await core.close();

    // Then IT rolls out a policy.
    const { core: managed } = withPolicy(
      { sections: ['Local', 'Sport'], limits: { headline: { warn: 60, error: 80 } }, lockedSettings: ['defaultLanguage'], updatesEnabled: false },
      dataDir,
    );
    const config = await connect(managed).call('config.get', {});
    expect(config.sections).toEqual(['Local', 'Sport']);
    // The person's French stays as the value (the lock freezes it; the policy did not set one).
    expect(config.defaultLanguage).toBe('fr');
    expect(config.limits).toEqual({ ...DEFAULT_LIMITS, headline: { warn: 60, error: 80 }, teaser: { warn: 10, error: 20 } });
    expect(config.locked).toEqual(['sections', 'limits', 'defaultLanguage']);
    expect(config.policyProblem).toBeNull();
  });

  it('refuses a change to a locked setting with locked_by_policy and stores nothing of it', async () => {
    const { core: managed } = withPolicy({ sections: ['Local'], lockedSettings: ['defaultLanguage'] });
    const client = connect(managed);
    for (const change of [{ sections: ['Gossip'] }, { defaultLanguage: 'de' }, { sections: ['Local'], spellcheckLanguages: ['de'] }]) {
      const result = await client.session.invoke('config.set', change);
      expect(result).toMatchObject({ ok: false, error: { code: 'locked_by_policy' } });
      expect(!result.ok && result.error.message).toMatch(/set by your newsroom's policy/);
    }
    const both = await client.session.invoke('config.set', { sections: ['X'], defaultLanguage: 'de' });
    expect(!both.ok && both.error.message).toBe("The section list and the default language are set by your newsroom's policy and cannot be changed on this computer.");
    const config = await client.call('config.get', {});
    expect(config).toMatchObject({ sections: ['Local'], defaultLanguage: 'en', spellcheckLanguages: [] });
    expect(client.events.filter((event) => event.event === 'config.changed')).toEqual([]);
  });

  it('still lets people change what the policy leaves open, and tells every window', async () => {
    const { core: managed } = withPolicy({ sections: ['Local'] });
    const client = connect(managed);
    const other = connect(managed);
    const config = await client.call('config.set', { defaultLanguage: 'de', spellcheckLanguages: ['en-gb'] });
    expect(config).toMatchObject({ sections: ['Local'], defaultLanguage: 'de', spellcheckLanguages: ['en-GB'], locked: ['sections'] });
    expect(other.events.at(-1)).toMatchObject({ event: 'config.changed', payload: { defaultLanguage: 'de', locked: ['sections'] } });
  });

  it('new stories follow the policy: its default language and first section', async () => {
    const { core: managed } = withPolicy({ sections: ['Local', 'Sport'], defaultLanguage: 'ar' });
    const client = connect(managed);
    await client.call('profile.set', REPORTER);
    const { id } = await client.call('article.create', {});
    managed.internals.articles.flush();
    const list = await client.call('library.list', {});
    expect(list.items.find((item) => item.id === id)).toMatchObject({ language: 'ar' });
  });

  it('an invalid policy: the app starts on defaults and says why', async () => {
    const { core: managed } = withPolicy('{ "sections": ["Local", }');
    const config = await connect(managed).call('config.get', {});
    expect(config).toMatchObject({ sections: DEFAULT_CONFIG.sections, locked: [] });
    expect(config.policyProblem).toMatch(/policy file \(.*policy\.json\) is not valid JSON/);
    // Nothing is locked by a policy that could not be read: settings still save.
    await expect(connect(managed).call('config.set', { sections: ['Mine'] })).resolves.toMatchObject({ sections: ['Mine'] });
  });

  it('refuses a sync server address that is no web address, before it reaches core', async () => {
    core = openTestCore();
    const client = connect(core);
    for (const syncServerUrl of ['javascript:alert(1)', 'file:///etc/passwd', 'lede-media://x', 'https://u:p@sync.example/']) {
      const result = await client.session.invoke('config.set', { syncServerUrl });
      expect(result, syncServerUrl).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    await expect(client.call('config.set', { syncServerUrl: 'wss://sync.example/sync' })).resolves.toMatchObject({ syncServerUrl: 'wss://sync.example/sync' });
    await expect(client.call('config.set', { syncServerUrl: null })).resolves.toMatchObject({ syncServerUrl: null });
  });
});
