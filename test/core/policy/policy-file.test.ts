import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../electron/core/log';
import { loadPolicy, policyFilePath, type PolicyFs } from '../../../electron/core/policy/policy-file';
import { EMPTY_POLICY } from '../../../electron/core/policy/policy-schema';
import { repoRoot } from '../../helpers/fixtures';
import { makeTempDir } from '../../helpers/temp-dir';

function recordingLog() {
  const lines: string[] = [];
  const log: Logger = {
    debug: () => {},
    info: (message, fields) => lines.push(`info ${message} ${JSON.stringify(fields ?? {})}`),
    warn: (message, fields) => lines.push(`warn ${message} ${JSON.stringify(fields ?? {})}`),
    error: (message, fields) => lines.push(`error ${message} ${JSON.stringify(fields ?? {})}`),
  };
  return { log, lines };
}

function policyFile(content: string | object): string {
  const file = path.join(makeTempDir('lede-policy-'), 'policy.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('policyFilePath', () => {
  it('is the system-wide file of each platform', () => {
    expect(policyFilePath({}, 'linux')).toBe('/etc/lede/policy.json');
    expect(policyFilePath({}, 'darwin')).toBe('/Library/Application Support/Lede/policy.json');
    expect(policyFilePath({ ProgramData: 'D:\\ProgramData' }, 'win32')).toBe('D:\\ProgramData\\Lede\\policy.json');
    expect(policyFilePath({}, 'win32')).toBe('C:\\ProgramData\\Lede\\policy.json');
  });

  it('can be moved with LEDE_POLICY_FILE (tests, trials), but not to an empty value', () => {
    expect(policyFilePath({ LEDE_POLICY_FILE: '/tmp/trial/policy.json' }, 'linux')).toBe('/tmp/trial/policy.json');
    expect(policyFilePath({ LEDE_POLICY_FILE: '  ' }, 'linux')).toBe('/etc/lede/policy.json');
  });
});

describe('loadPolicy', () => {
  it('is silent without a policy file: no problem, nothing locked', () => {
    const { log, lines } = recordingLog();
    const load = loadPolicy({ file: path.join(makeTempDir(), 'missing', 'policy.json'), log });
    expect(load).toMatchObject({ source: 'none', problem: null, policy: EMPTY_POLICY });
    expect(lines).toEqual([]);
  });

  it('applies every key of a full policy, locking each setting it sets', () => {
    const { log } = recordingLog();
    const load = loadPolicy({
      file: policyFile({
        syncServerUrl: 'wss://sync.newsroom.example/sync',
        updateFeedUrl: 'https://updates.newsroom.example/lede',
        updatesEnabled: true,
        defaultLanguage: 'pt-br',
        spellcheckLanguages: ['en-GB', 'cy'],
        dictionaryUrl: 'https://dict.newsroom.example/hunspell',
        sections: ['Local', '  City   Hall ', 'Sport'],
        limits: { headline: { warn: 60, error: 80 } },
        lockedSettings: ['sections'],
        insecureHosts: ['Sync.Test-Lab.example'],
      }),
      log,
    });
    expect(load.source).toBe('file');
    expect(load.problem).toBeNull();
    expect(load.policy).toEqual({
      settings: {
        syncServerUrl: 'wss://sync.newsroom.example/sync',
        defaultLanguage: 'pt-BR',
        spellcheckLanguages: ['en-GB', 'cy'],
        sections: ['Local', 'City Hall', 'Sport'],
        limits: { headline: { warn: 60, error: 80 } },
      },
      locked: ['sections', 'limits', 'defaultLanguage', 'spellcheckLanguages', 'syncServerUrl'],
      updates: { enabled: true, feedUrl: 'https://updates.newsroom.example/lede' },
      dictionaryUrl: 'https://dict.newsroom.example/hunspell/',
      insecureHosts: ['sync.test-lab.example'],
    });
  });

  it('sets and locks what an edit to a Ready story does and typographic quotes (ADR 0063)', () => {
    const { log } = recordingLog();
    const load = loadPolicy({ file: policyFile({ readyEdits: 'back-to-in-edit', typographicQuotes: false }), log });
    expect(load.problem).toBeNull();
    expect(load.policy.settings).toEqual({ readyEdits: 'back-to-in-edit', typographicQuotes: false });
    expect(load.policy.locked).toEqual(['readyEdits', 'typographicQuotes']);
    const wrong = loadPolicy({ file: policyFile({ readyEdits: 'ignore' }), log });
    expect(wrong.problem).toContain('readyEdits');
  });

  it('locks settings listed in lockedSettings even where the policy leaves the default', () => {
    const { log } = recordingLog();
    const load = loadPolicy({ file: policyFile({ lockedSettings: ['defaultLanguage', 'limits'] }), log });
    expect(load.policy.locked).toEqual(['limits', 'defaultLanguage']);
    expect(load.policy.settings).toEqual({});
  });

  it('takes null as "not set", so a template can list every key', () => {
    const { log } = recordingLog();
    const template = JSON.parse(fs.readFileSync(path.join(repoRoot, 'build', 'policy.template.json'), 'utf8')) as object;
    const load = loadPolicy({ file: policyFile(template), log });
    expect(load).toMatchObject({ source: 'file', problem: null });
    expect(load.policy).toEqual(EMPTY_POLICY);
  });

  it('accepts the example policy of the admin guide', () => {
    const { log, lines } = recordingLog();
    const load = loadPolicy({ file: path.join(repoRoot, 'docs', 'policy.example.json'), log });
    expect(load).toMatchObject({ source: 'file', problem: null });
    expect(load.policy.locked.length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.startsWith('warn'))).toEqual([]);
  });

  it('ignores unknown keys and unknown lock names with a log line, and applies the rest', () => {
    const { log, lines } = recordingLog();
    const load = loadPolicy({ file: policyFile({ sections: ['Local'], autoPublish: true, lockedSettings: ['section', 'limits'] }), log });
    expect(load).toMatchObject({ source: 'file', problem: null });
    expect(load.policy.settings).toEqual({ sections: ['Local'] });
    expect(load.policy.locked).toEqual(['sections', 'limits']);
    expect(lines.some((line) => line.includes('ignoring unknown key') && line.includes('"key":"autoPublish"'))).toBe(true);
    expect(lines.some((line) => line.includes('unknown name in lockedSettings') && line.includes('"name":"section"'))).toBe(true);
  });

  it('reads a file saved with a byte order mark (Notepad)', () => {
    const { log } = recordingLog();
    expect(loadPolicy({ file: policyFile('\uFEFF{"defaultLanguage":"de"}'), log }).policy.settings).toEqual({ defaultLanguage: 'de' });
  });

  const unusable: Array<[string, string | object, RegExp]> = [
    ['invalid JSON', '{ "sections": ["Local", }', /is not valid JSON/],
    ['an empty file', '', /is not valid JSON/],
    ['a JSON array', '["sections"]', /must be a JSON object/],
    ['a string where a list belongs', { sections: 'Local, Sport' }, /sections: .*array/i],
    ['a number as a boolean', { updatesEnabled: 0 }, /updatesEnabled/],
    ['a warning above the hard limit', { limits: { headline: { warn: 90, error: 80 } } }, /limits\.headline/],
    ['an unknown limited field', { limits: { byline: { warn: 1, error: 2 } } }, /limits/],
    ['a javascript: sync server', { syncServerUrl: 'javascript:alert(1)' }, /syncServerUrl: the sync server address must start with/],
    ['a feed with a password in it', { updateFeedUrl: 'https://it:secret@updates.example/' }, /user name or password/],
    ['a file: dictionary URL', { dictionaryUrl: 'file:///srv/dicts/' }, /dictionaryUrl/],
    ['a language that is no language tag', { defaultLanguage: 'english please' }, /defaultLanguage: must be a language tag/],
    ['a section list with a duplicate', { sections: ['Local', 'local'] }, /lists a section twice/],
    ['an empty section list', { sections: [] }, /at least one section/],
    ['lockedSettings as a string', { lockedSettings: 'sections' }, /lockedSettings/],
  ];
  for (const [what, content, message] of unusable) {
    it(`refuses ${what}: defaults, a problem for the UI, a log line`, () => {
      const { log, lines } = recordingLog();
      const file = policyFile(content);
      const load = loadPolicy({ file, log });
      expect(load.source).toBe('unusable');
      expect(load.policy).toEqual(EMPTY_POLICY);
      expect(load.problem).toContain(file);
      expect(load.problem).toMatch(message);
      expect(load.problem).toContain('Lede is using its default settings');
      expect(lines.some((line) => line.startsWith('warn policy file not applied'))).toBe(true);
    });
  }

  it('refuses a policy path that is a directory (what an unreadable file looks like to root)', () => {
    const { log } = recordingLog();
    const dir = makeTempDir('lede-policy-dir-');
    const load = loadPolicy({ file: dir, log });
    expect(load).toMatchObject({ source: 'unusable', policy: EMPTY_POLICY });
    expect(load.problem).toMatch(/is not a file/);
  });

  it('refuses a file it may not read (EACCES), and never throws', () => {
    const { log, lines } = recordingLog();
    const denied: PolicyFs = {
      statSync: () => ({ isFile: () => true, size: 20 }),
      readFileSync: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    };
    const load = loadPolicy({ file: '/etc/lede/policy.json', log, fs: denied });
    expect(load).toMatchObject({ source: 'unusable', policy: EMPTY_POLICY });
    expect(load.problem).toMatch(/could not be read \(EACCES\)/);
    expect(lines.some((line) => line.includes('EACCES'))).toBe(true);
  });

  it('refuses a huge file without reading it', () => {
    const { log } = recordingLog();
    let read = false;
    const huge: PolicyFs = {
      statSync: () => ({ isFile: () => true, size: 50 * 1024 * 1024 }),
      readFileSync: () => {
        read = true;
        return Buffer.from('{}');
      },
    };
    expect(loadPolicy({ file: '/etc/lede/policy.json', log, fs: huge }).problem).toMatch(/larger than 1024 KB/);
    expect(read).toBe(false);
  });
});
