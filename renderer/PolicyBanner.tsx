import { useState } from 'react';
import { useApp } from './state/app-store';

/**
 * Says that the newsroom's policy file could not be applied (unreadable or
 * invalid) and that Lede runs on its defaults. Work goes on; the person can
 * put the message away for this session once they have read it.
 */
export function PolicyBanner() {
  const problem = useApp((s) => s.config?.policyProblem ?? null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!problem || dismissed === problem) return null;
  return (
    <div role="alert" className="policy-banner">
      <p className="policy-banner-text">
        <strong>Newsroom policy not applied.</strong> {problem}
      </p>
      <button type="button" className="button button-small" onClick={() => setDismissed(problem)}>
        Dismiss
      </button>
    </div>
  );
}
