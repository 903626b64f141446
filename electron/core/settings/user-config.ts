import { mergeConfigOverrides, type ConfigOverrides, type ConfigView } from '../../../shared/config';
import { LedeError } from '../../../shared/errors';
import { canonicalLanguageTag } from '../../../shared/language';
import { lockedMessage, lockedSettingsIn, managedConfig } from '../policy/managed-config';
import type { PolicyLoad } from '../policy/policy-file';
import type { SettingsStore } from './settings-store';
import { STORED_NEWSROOM_CONFIG } from './stored-settings';

/** The settings a person changed in Settings (sections, limits, languages, checks, sync server). */
export function readUserConfig(settings: SettingsStore): ConfigOverrides {
  return settings.read(STORED_NEWSROOM_CONFIG) ?? {};
}

/** The configuration in force: defaults < this person's settings < the machine's policy (ADR 0020). */
export function currentConfig(settings: SettingsStore, policy: PolicyLoad): ConfigView {
  return managedConfig(readUserConfig(settings), policy);
}

/**
 * Applies a change from Settings over what the person set before and stores
 * it. Refused whole when it touches a setting the policy locked, or names a
 * language that is not a BCP 47 tag; spellcheck languages are stored in
 * canonical form, once each. Returns the configuration now in force.
 */
export function changeUserConfig(settings: SettingsStore, policy: PolicyLoad, change: ConfigOverrides): ConfigView {
  const locked = lockedSettingsIn(change, policy.policy.locked);
  if (locked.length > 0) throw new LedeError('locked_by_policy', lockedMessage(locked));
  for (const tag of [change.defaultLanguage, ...(change.spellcheckLanguages ?? [])]) {
    if (tag !== undefined && !canonicalLanguageTag(tag)) {
      throw new LedeError('invalid_payload', `"${tag}" is not a language tag (BCP 47, e.g. "en" or "pt-BR").`);
    }
  }
  const normalized: ConfigOverrides = change.spellcheckLanguages
    ? { ...change, spellcheckLanguages: [...new Set(change.spellcheckLanguages.map((tag) => canonicalLanguageTag(tag)!))] }
    : change;
  settings.write(STORED_NEWSROOM_CONFIG, mergeConfigOverrides(readUserConfig(settings), normalized));
  return currentConfig(settings, policy);
}
