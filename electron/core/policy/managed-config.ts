import { resolveConfig, USER_SETTINGS, type ConfigOverrides, type ConfigView, type UserSetting } from '../../../shared/config';
import type { PolicyLoad } from './policy-file';

/**
 * The configuration people see: defaults < their own settings < the
 * newsroom's policy. Every setting the policy sets or lists in
 * lockedSettings is locked, and the renderer shows it as such.
 */
export function managedConfig(user: ConfigOverrides, policy: PolicyLoad): ConfigView {
  return {
    ...resolveConfig(user, policy.policy.settings),
    locked: [...policy.policy.locked],
    policyProblem: policy.problem,
  };
}

/** The settings in a change that the policy locked; a change touching any of them is refused whole. */
export function lockedSettingsIn(change: ConfigOverrides, locked: readonly UserSetting[]): UserSetting[] {
  return USER_SETTINGS.filter((setting) => change[setting] !== undefined && locked.includes(setting));
}

const SETTING_NAMES: Record<UserSetting, string> = {
  sections: 'The section list',
  limits: 'The field limits',
  defaultLanguage: 'The default language',
  spellcheckLanguages: 'The spellcheck languages',
  syncServerUrl: 'The sync server',
  readyEdits: 'What an edit to a Ready story does',
  typographicQuotes: 'Typographic quotes',
};

export function lockedMessage(settings: readonly UserSetting[]): string {
  const names = settings.map((setting, index) => (index === 0 ? SETTING_NAMES[setting] : SETTING_NAMES[setting].toLowerCase()));
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  return `${list} ${names.length > 1 ? 'are' : 'is'} set by your newsroom's policy and cannot be changed on this computer.`;
}
