import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STORED_NEWSROOM_CONFIG, STORED_PHOTO_DESK, STORED_PROFILE } from '../../../electron/core/settings/stored-settings';
import { olderVersion, readStoredText, storedText, storedValue, type StoredValue } from '../../../electron/core/settings/stored-value';
import { CHECKS_OFF, REPORTER } from '../../helpers/core';

/**
 * A value stored in three versions, as a later Lede might: version 1 kept
 * one byline as text, version 2 a list of names, version 3 a list of people.
 */
const bylines = storedValue({
  key: 'test.bylines',
  label: 'the test’s bylines',
  schema: z.object({ bylines: z.array(z.object({ name: z.string().min(1) })) }),
  older: [
    olderVersion(z.object({ byline: z.string() }), (v1) => ({ names: v1.byline.split(' and ') })),
    olderVersion(z.object({ names: z.array(z.string()) }), (v2) => ({ bylines: v2.names.map((name) => ({ name })) })),
  ],
});

describe('a versioned stored value', () => {
  it('writes its current version in an envelope and reads it back', () => {
    const value = { bylines: [{ name: 'Richard Connor' }] };
    const text = storedText(bylines, value);
    expect(JSON.parse(text)).toEqual({ version: 3, value });
    expect(readStoredText(bylines, text)).toEqual({ state: 'read', value, version: 3 });
  });

  it('upgrades each older version step by step, a bare value being version 1', () => {
    expect(readStoredText(bylines, JSON.stringify({ byline: 'Richard Connor and Wesley Rahn' }))).toEqual({
      state: 'read',
      version: 1,
      value: { bylines: [{ name: 'Richard Connor' }, { name: 'Wesley Rahn' }] },
    });
    expect(readStoredText(bylines, JSON.stringify({ version: 2, value: { names: ['Wesley Rahn'] } }))).toEqual({
      state: 'read',
      version: 2,
      value: { bylines: [{ name: 'Wesley Rahn' }] },
    });
  });

  it('says why it cannot read a value, naming the version that failed', () => {
    expect(readStoredText(bylines, '{"byline": ')).toMatchObject({ state: 'unreadable', reason: 'not valid JSON', newer: false });
    expect(readStoredText(bylines, JSON.stringify({ byline: 7 }))).toMatchObject({ state: 'unreadable', reason: expect.stringMatching(/^version 1 does not fit/), newer: false });
    // The upgrade ran, but what it made does not fit version 3 (an empty name).
    expect(readStoredText(bylines, JSON.stringify({ version: 2, value: { names: [''] } }))).toMatchObject({
      state: 'unreadable',
      reason: expect.stringMatching(/^version 3 does not fit its schema after upgrading from version 2/),
    });
    expect(readStoredText(bylines, JSON.stringify({ version: 4, value: {} }))).toMatchObject({
      state: 'unreadable',
      reason: 'saved by a newer Lede (version 4; this Lede reads up to 3)',
      newer: true,
    });
    expect(readStoredText(bylines, null)).toEqual({ state: 'absent' });
  });

  it('refuses to write a value that does not fit its own schema', () => {
    expect(() => storedText(bylines, { bylines: [{ name: '' }] })).toThrow();
  });
});

describe('the stored settings', () => {
  const examples: Array<[string, StoredValue<unknown>, unknown]> = [
    ['profile', STORED_PROFILE, REPORTER],
    [
      'newsroom config',
      STORED_NEWSROOM_CONFIG,
      {
        sections: ['News', 'Sport'],
        limits: { headline: { warn: 70, error: 90 } },
        defaultLanguage: 'pt-BR',
        spellcheckLanguages: ['en'],
        syncServerUrl: null,
        workflowRules: { ready: CHECKS_OFF.ready, published: {} },
      },
    ],

    [
      'photo desk',
      STORED_PHOTO_DESK,
      {
        templates: [{ id: 't1', name: 'Flood', fields: [{ field: 'city', value: 'Porto Alegre', apply: true }] }],
        codes: [{ code: 'afp', text: 'AFP/Getty Images' }],
      },
    ],
  ];

  it.each(examples)('%s: round trip, and the bare value Lede stored before versions reads as version 1', (_name, stored, value) => {
    const text = storedText(stored, value);
    // The newsroom config is at version 2 (ADR 0063), the others at 1.
    expect(JSON.parse(text)).toEqual({ version: stored.version, value });
    expect(readStoredText(stored, text)).toEqual({ state: 'read', value, version: stored.version });
    // What SettingsStore.set wrote before this change: JSON.stringify of the value itself.
    expect(readStoredText(stored, JSON.stringify(value))).toEqual({ state: 'read', value, version: 1 });
  });

  it('keys are distinct', () => {
    const keys = examples.map(([, stored]) => stored.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
