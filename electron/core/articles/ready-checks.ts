import type * as Y from 'yjs';
import { bodyNodeFromJson, readBodyJson } from '../../../shared/article-body';
import { readArticleFields } from '../../../shared/article-doc';
import type { NewsroomConfig } from '../../../shared/config';
import type { Status } from '../../../shared/model';
import { checkStory, type CheckResult } from '../../../shared/workflow/checks';

/** Runs the shared ready checks on a story's live document. */
export function checkArticle(doc: Y.Doc, to: Status, config: NewsroomConfig): CheckResult {
  const fields = readArticleFields(doc);
  return checkStory({ fields, body: bodyNodeFromJson(readBodyJson(doc)) }, to, config.workflowRules, config.limits);
}
