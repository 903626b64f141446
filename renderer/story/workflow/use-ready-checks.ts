import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { NewsroomConfig } from '../../../shared/config';
import type { Status } from '../../../shared/model';
import { checkStory, storyToCheck, type CheckResult } from '../../../shared/workflow/checks';

const RECHECK_DELAY_MS = 250;

/**
 * The ready checks for a move, re-run on this window's copy of the story as
 * it changes — the same shared checks core runs when the move is made — so
 * the checklist ticks items off while the person fixes them.
 */
export function useReadyChecks(doc: Y.Doc, target: Status | null, config: NewsroomConfig | null): CheckResult | null {
  const [result, setResult] = useState<CheckResult | null>(null);
  useEffect(() => {
    if (!target || !config) {
      setResult(null);
      return undefined;
    }
    const run = () => setResult(checkStory(storyToCheck(doc), target, config.workflowRules, config.limits));
    run();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, RECHECK_DELAY_MS);
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [doc, target, config]);
  return result;
}
