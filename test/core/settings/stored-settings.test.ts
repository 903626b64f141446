import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { Logger } from '../../../electron/core/log';
import type { PhotoDeskSettings } from '../../../electron/core/settings/stored-settings';
import { DEFAULT_CONFIG } from '../../../shared/config';
import { connect, EDITOR, openTestCore, REPORTER } from '../../helpers/core';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * The person's stored values through the real core and its API: what an
 * older Lede stored is read, and a value that cannot be read is reported and
 * kept (ADR 0053).
 */
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

interface Line {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

function open(dataDir = makeTempDir()): { core: Core; lines: Line[]; dataDir: string } {
  const lines: Line[] = [];
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) => lines.push({ level, message, fields });
  const logger: Logger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
  core = openTestCore({ dataDir, logger });
  return { core, lines, dataDir };
}

/** Stores `text` under `key` as it is (an older or newer Lede's row, or a damaged one). */
function storeRaw(opened: Core, key: string, text: string): void {
  opened.internals.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, text);
}

function storedRow(opened: Core, key: string): string | undefined {
  return opened.internals.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
}

const PHOTO_DESK: PhotoDeskSettings = {
  templates: [{ id: 'flood', name: 'Flood', fields: [{ field: 'city', value: 'Porto Alegre', apply: true }] }],
  codes: [{ code: 'afp', text: 'AFP/Getty Images' }],
};

describe('stored settings', () => {
  it('reads what Lede stored before values carried a version, and stores the next save in version 1', async () => {
    const first = open();
    // Exactly what SettingsStore.set wrote until now: JSON.stringify of the bare value.
    storeRaw(first.core, 'profile', JSON.stringify(REPORTER));
    storeRaw(first.core, 'config', JSON.stringify({ sections: ['Metro', 'Sport'], limits: { headline: { warn: 60, error: 80 } } }));
    storeRaw(first.core, 'photoDesk', JSON.stringify(PHOTO_DESK));
    await first.core.close();

    const { core: reopened, lines } = open(first.dataDir);
    const client = connect(reopened);
    expect(await client.call('profile.get', {})).toEqual(REPORTER);
    expect(await client.call('config.get', {})).toMatchObject({ sections: ['Metro', 'Sport'], limits: { headline: { warn: 60, error: 80 } } });
    // Saved before the template mode existed: it reads as “Fill empty fields only”.
    expect(await client.call('photoDesk.get', {})).toEqual({ ...PHOTO_DESK, templateMode: 'empty' });

    await client.call('config.set', { defaultLanguage: 'pt-BR' });
    // Version 2 of the settings (ADR 0063) reads version 1 as it is.
    expect(JSON.parse(storedRow(reopened, 'config')!)).toEqual({
      version: 2,
      value: { sections: ['Metro', 'Sport'], limits: { headline: { warn: 60, error: 80 } }, defaultLanguage: 'pt-BR', workflowRules: { ready: {}, published: {} } },
    });
    await client.call('profile.set', EDITOR);
    expect(JSON.parse(storedRow(reopened, 'profile')!)).toEqual({ version: 1, value: EDITOR });
    await client.call('photoDesk.set', { codes: [] });
    expect(JSON.parse(storedRow(reopened, 'photoDesk')!)).toEqual({ version: 1, value: { ...PHOTO_DESK, codes: [], templateMode: 'empty' } });
    expect(lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('a damaged value reads as the defaults, is logged with its key and why, and is kept across saves', async () => {
    const { core: opened, lines } = open();
    const client = connect(opened);
    const damaged = { profile: '{"name": "Richard Con', config: JSON.stringify({ sections: 'News' }), photoDesk: JSON.stringify({ version: 1, value: { templates: {} } }) };
    for (const [key, text] of Object.entries(damaged)) storeRaw(opened, key, text);

    expect(await client.call('profile.get', {})).toBeNull();
    expect((await client.call('config.get', {})).sections).toEqual(DEFAULT_CONFIG.sections);
    expect(await client.call('photoDesk.get', {})).toEqual({ templates: [], codes: [], templateMode: 'empty' });

    const saves = [
      await client.session.invoke('profile.set', REPORTER),
      await client.session.invoke('config.set', { sections: ['News'] }),
      await client.session.invoke('photoDesk.set', { codes: [] }),
    ];
    for (const save of saves) {
      expect(save).toMatchObject({ ok: false, error: { code: 'setting_unreadable', message: expect.stringContaining('keeps it as it is') } });
    }
    for (const [key, text] of Object.entries(damaged)) expect(storedRow(opened, key)).toBe(text);
    // Nobody was told of a change that did not happen.
    expect(client.events.map((event) => event.event)).not.toContain('profile.changed');

    const reported = lines.filter((line) => line.message.startsWith('a stored value cannot be read'));
    expect(reported.map((line) => line.fields)).toEqual([
      { key: 'profile', reason: 'not valid JSON' },
      { key: 'config', reason: expect.stringContaining('sections') },
      { key: 'photoDesk', reason: expect.stringContaining('templates') },
    ]);
    // Logged once per damage, not at every read.
    await client.call('config.get', {});
    expect(lines.filter((line) => line.message.startsWith('a stored value cannot be read'))).toHaveLength(3);
  });

  it('version 2 keeps what an edit to a Ready story does and typographic quotes', async () => {
    const { core: opened } = open();
    const client = connect(opened);
    await client.call('config.set', { readyEdits: 'back-to-in-edit', typographicQuotes: false });
    expect(JSON.parse(storedRow(opened, 'config')!)).toMatchObject({ version: 2, value: { readyEdits: 'back-to-in-edit', typographicQuotes: false } });
    expect(await client.call('config.get', {})).toMatchObject({ readyEdits: 'back-to-in-edit', typographicQuotes: false });
    const bad = await client.session.invoke('config.set', { readyEdits: 'ignore' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('a value saved by a newer Lede is kept: saving over it is refused with a message that says to update', async () => {
    const first = open();
    const newer = JSON.stringify({ version: 3, value: { sections: { news: 'News' }, theme: 'dark' } });
    storeRaw(first.core, 'config', newer);
    await first.core.close();

    const { core: reopened, lines } = open(first.dataDir);
    const client = connect(reopened);
    expect((await client.call('config.get', {})).sections).toEqual(DEFAULT_CONFIG.sections);
    const save = await client.session.invoke('config.set', { sections: ['News'] });
    expect(save).toMatchObject({ ok: false, error: { code: 'setting_unreadable', message: expect.stringContaining('Update Lede') } });
    expect(storedRow(reopened, 'config')).toBe(newer);
    expect(lines).toContainEqual(expect.objectContaining({ fields: { key: 'config', reason: 'saved by a newer Lede (version 3; this Lede reads up to 2)' } }));
    // Other values are not held up by it.
    await client.call('profile.set', REPORTER);
    expect(await client.call('profile.get', {})).toEqual(REPORTER);
  });

  it('values the API refuses today (as a tightened API would refuse what people saved) are read and kept', async () => {
    const { core: opened } = open();
    const client = connect(opened);
    // Each breaks a rule of shared/contract.ts: at most 100 sections and 10 spellcheck languages,
    // names of at most 200 characters, codes of 1–20 letters.
    const sections = Array.from({ length: 120 }, (_, n) => `Section ${n + 1}`);
    const spellcheckLanguages = ['en', 'pt', 'es', 'fr', 'de', 'it', 'nl', 'sv', 'da', 'nb', 'fi'];
    const profile = { name: 'R'.repeat(250), role: 'reporter' as const };
    const codes = [{ code: 'agence france presse', text: 'AFP' }];
    storeRaw(opened, 'config', JSON.stringify({ sections, spellcheckLanguages }));
    storeRaw(opened, 'profile', JSON.stringify(profile));
    storeRaw(opened, 'photoDesk', JSON.stringify({ templates: [], codes }));

    expect(await client.call('profile.get', {})).toEqual(profile);
    expect(await client.call('config.get', {})).toMatchObject({ sections, spellcheckLanguages });
    expect((await client.call('photoDesk.get', {})).codes).toEqual(codes);

    // Saving something else keeps them.
    await client.call('config.set', { defaultLanguage: 'en' });
    await client.call('photoDesk.set', { templates: PHOTO_DESK.templates });
    expect(await client.call('config.get', {})).toMatchObject({ sections, spellcheckLanguages, defaultLanguage: 'en' });
    expect(await client.call('photoDesk.get', {})).toEqual({ templates: PHOTO_DESK.templates, codes, templateMode: 'empty' });
  });
});
