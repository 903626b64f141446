import type { Policy } from '../core/policy/policy-schema';

/**
 * Whether this copy of Lede updates itself, and from where. Updates come only
 * from the newsroom's own feed (the policy's updateFeedUrl); without one, or
 * when the policy turns them off, Lede never looks for updates.
 */
export type UpdateDecision = { enabled: true; feedUrl: string } | { enabled: false; reason: string };

export interface UpdateInputs {
  policy: Policy['updates'];
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Set by the AppImage runtime; a .deb install has no such variable. */
  appImage: string | undefined;
}

export function decideUpdates(inputs: UpdateInputs): UpdateDecision {
  if (inputs.policy.enabled === false) return { enabled: false, reason: 'turned off by the newsroom policy (updatesEnabled: false)' };
  if (!inputs.isPackaged) return { enabled: false, reason: 'a development build does not update itself' };
  if (!inputs.policy.feedUrl) return { enabled: false, reason: 'no update feed is set (policy key updateFeedUrl)' };
  if (inputs.platform === 'linux' && !inputs.appImage) {
    return { enabled: false, reason: 'installed from a package (.deb): it is updated by the system package manager' };
  }
  return { enabled: true, feedUrl: inputs.policy.feedUrl };
}
