import type * as Y from 'yjs';
import type { NewsroomConfig } from '../../../shared/config';
import type { Status } from '../../../shared/model';
import { checkStory, storyToCheck, type CheckResult } from '../../../shared/workflow/checks';

/** Runs the shared ready checks on a story's live document. */
export function checkArticle(doc: Y.Doc, to: Status, config: NewsroomConfig): CheckResult {
  return checkStory(storyToCheck(doc), to, config.workflowRules, config.limits);
}
