import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_LIMITS, DEFAULT_SECTIONS, LIMITED_FIELDS, mergeConfigOverrides, resolveConfig, type ConfigOverrides } from '../../shared/config';
import { CHECKED_STATUSES } from '../../shared/workflow/rules';

describe('resolveConfig', () => {
  it('gives the defaults with no layers', () => {
    expect(resolveConfig()).toEqual(DEFAULT_CONFIG);
    expect(resolveConfig({})).toEqual(DEFAULT_CONFIG);
  });

  it('layers user settings over the defaults, field by field', () => {
    const config = resolveConfig({ sections: ['Local', 'Sport'], limits: { headline: { warn: 60, error: 80 } }, defaultLanguage: 'de' });
    expect(config.sections).toEqual(['Local', 'Sport']);
    expect(config.defaultLanguage).toBe('de');
    expect(config.limits).toEqual({ ...DEFAULT_LIMITS, headline: { warn: 60, error: 80 } });
    expect(config.languages).toEqual(DEFAULT_CONFIG.languages);
  });

  it('lets a later layer win (a policy over user settings)', () => {
    const user = { sections: ['User'], limits: { kicker: { warn: 10, error: 20 }, teaser: { warn: 100, error: 200 } }, defaultLanguage: 'fr' };
    const policy = { limits: { kicker: { warn: 30, error: 40 } }, defaultLanguage: 'ar' };
    const config = resolveConfig(user, policy);
    expect(config).toMatchObject({
      sections: ['User'],
      defaultLanguage: 'ar',
      limits: { headline: DEFAULT_LIMITS.headline, kicker: { warn: 30, error: 40 }, teaser: { warn: 100, error: 200 } },
    });
  });

  it('ignores an empty section list rather than leaving the newsroom with none', () => {
    expect(resolveConfig({ sections: [] }).sections).toEqual(DEFAULT_SECTIONS);
  });

  it('gives each caller its own config: changing one never changes the defaults', () => {
    const snapshot = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as typeof DEFAULT_CONFIG;
    const config = resolveConfig({ limits: { headline: { warn: 1, error: 2 } } });
    try {
      for (const field of LIMITED_FIELDS) config.limits[field].warn = 999;
      config.sections.push('Gossip');
      expect(DEFAULT_CONFIG).toEqual(snapshot);
      expect(resolveConfig()).toEqual(snapshot);
    } finally {
      // Put the shared defaults back so the other tests here see the real ones.
      for (const field of LIMITED_FIELDS) Object.assign(DEFAULT_LIMITS[field], snapshot.limits[field]);
      DEFAULT_SECTIONS.splice(0, DEFAULT_SECTIONS.length, ...snapshot.sections);
    }
  });

  it('has sensible defaults: warn below error for every limited field', () => {
    for (const field of LIMITED_FIELDS) expect(DEFAULT_LIMITS[field].warn).toBeLessThan(DEFAULT_LIMITS[field].error);
    expect(DEFAULT_CONFIG.languages.map((l) => l.tag)).toContain(DEFAULT_CONFIG.defaultLanguage);
  });
});

describe('mergeConfigOverrides', () => {
  it('replaces what a change names, but limits field by field and check levels rule by rule, for every checked status', () => {
    const current: ConfigOverrides = {
      sections: ['Politics'],
      limits: { headline: { warn: 60, error: 90 } },
      workflowRules: { ready: { 'headline-present': 'WARN' }, published: { 'teaser-present': 'WARN' } },
    };
    const change: ConfigOverrides = {
      sections: ['World'],
      limits: { kicker: { warn: 20, error: 30 } },
      workflowRules: { ready: { 'byline-present': 'off' } },
    };
    expect(mergeConfigOverrides(current, change)).toEqual({
      sections: ['World'],
      limits: { headline: { warn: 60, error: 90 }, kicker: { warn: 20, error: 30 } },
      workflowRules: {
        ready: { 'headline-present': 'WARN', 'byline-present': 'off' },
        published: { 'teaser-present': 'WARN' },
      },
    });
    expect(Object.keys(mergeConfigOverrides({}, {}).workflowRules!).sort()).toEqual([...CHECKED_STATUSES].sort());
  });
});
