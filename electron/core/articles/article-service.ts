import { articleDocName, articleKind, projectArticle } from '../../../shared/documents/article-kind';
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { META_KEYS, articleParts, readArticleFields, readDesk, readEditedAtMs, readStatus, seedArticle, type ArticleSeed } from '../../../shared/article-doc';
import { deskNameProblem } from '../../../shared/accounts/desks';
import { readGuardedStory } from '../../../shared/documents/article-kind';
import { refusedStoryChange, workflowRoleOn, type Actor, type GuardedStory } from '../../../shared/workflow/story-rules';
import type { NewsroomConfig } from '../../../shared/config';
import { LedeError } from '../../../shared/errors';
import { canonicalLanguageTag } from '../../../shared/language';
import { STATUS_LABELS, type EditorCredit, type NewsroomRole, type Profile, type Status } from '../../../shared/model';
import { checkTransition, isReadOnlyStatus } from '../../../shared/status';
import { describeRefusal, hasErrors, unacknowledgedWarnings, type CheckResult } from '../../../shared/workflow/checks';
import type { RuleId } from '../../../shared/workflow/rules';
import { isoWithOffset } from '../../../shared/time';
import { DerivedRows } from '../docs/derived-rows';
import type { DocStore } from '../docs/doc-store';
import type { ChangeOrigin, LiveDocs } from '../docs/live-docs';
import type { Logger } from '../log';
import type { ArticleIndex } from './article-index';
import { checkArticle } from './ready-checks';

export interface ArticleServiceOptions {
  /** Quiet time before a changed story's library row and search entry are rewritten. */
  deriveDelayMs: number;
  /** Updates a story may collect before it is compacted into its snapshot (default: the article kind's policy). */
  compactAfterUpdates?: number;
  /**
   * The signed-in newsroom account, whose role and desks decide what this
   * person may do once they signed in (the profile's role only applies
   * before); null while signed out.
   */
  actingAccount?: () => Actor | null;
}

/**
 * Stories: creation (seeded once, here), edits from sessions, workflow moves,
 * trash. Keeps each story's library row in step with its document, debounced.
 */
export class ArticleService {
  private readonly rows: DerivedRows;
  private derivedListener: ((ids: string[]) => void) | null = null;
  private releaseListener: ((id: string) => void) | null = null;
  private readonly purgeHooks: Array<(docName: string) => void> = [];
  /** Stories kept out of the library though their document is here (sync's purged stories, ADR 0059). */
  private withheld: (docName: string) => boolean = () => false;

  private readonly actingAccount: () => Actor | null;

  constructor(
    private readonly live: LiveDocs,
    private readonly store: DocStore,
    private readonly index: ArticleIndex,
    log: Logger,
    options: ArticleServiceOptions,
  ) {
    this.actingAccount = options.actingAccount ?? (() => null);
    this.rows = new DerivedRows(live, store, log, {
      kind: articleKind,
      deriveDelayMs: options.deriveDelayMs,
      compaction: { ...articleKind.compaction, afterUpdates: options.compactAfterUpdates ?? articleKind.compaction.afterUpdates },
      write: (id, docName, doc, info) => index.write(id, docName, projectArticle(doc), info.updatedMs, info.lastSeq),
    });
    this.rows.onDerived((ids) => this.derivedListener?.(ids));
  }

  /** Called with story ids whenever their library rows were rewritten. */
  onDerived(listener: (ids: string[]) => void): void {
    this.derivedListener = listener;
  }

  /** Rebuilds rows that a crash left behind their documents, in the background (DerivedRows.recover). */
  recoverStaleRows(stopped: () => boolean): Promise<number> {
    return this.rows.recover(this.index.staleDocIds().filter((docName) => !this.withheld(docName)), stopped);
  }

  create(input: { section?: string; language?: string }, config: NewsroomConfig): string {
    return this.createSeeded({ language: input.language, section: input.section ?? '' }, config);
  }

  /**
   * Creates a story with its first content (an import), written once into
   * the new document in the one transaction that creates it: either the whole
   * story exists afterwards or nothing does.
   */
  createSeeded(seed: Omit<ArticleSeed, 'createdAt' | 'language'> & { language?: string }, config: NewsroomConfig): string {
    const id = randomUUID();
    const language = canonicalLanguageTag(seed.language ?? config.defaultLanguage) ?? config.defaultLanguage;
    const desk = seed.desk !== undefined ? seed.desk : (this.actingAccount()?.desks[0] ?? null);
    this.live.create(articleDocName(id), 'article', (doc) => seedArticle(doc, { ...seed, desk, createdAt: isoWithOffset(new Date()), language }));
    this.derive(id);
    return id;
  }

  /** The whole current state and when it last changed, for a session that opens the story. */
  openState(id: string): { state: Uint8Array; updatedAt: string } {
    return { state: Y.encodeStateAsUpdate(this.doc(id)), updatedAt: this.updatedAt(id) };
  }

  doc(id: string): Y.Doc {
    return this.live.get(this.docName(id));
  }

  /** When the story was last edited, here or on another computer (ISO 8601 with offset). */
  updatedAt(id: string): string {
    const docName = this.docName(id);
    return isoWithOffset(readEditedAtMs(this.live.get(docName)) ?? this.store.info(docName)!.updatedMs);
  }

  /** Called just before a story no session has open any more is written out and unloaded. */
  onRelease(listener: (id: string) => void): void {
    this.releaseListener = listener;
  }

  /** Applies a session's edit; it is on disk when this returns. */
  applyUpdate(id: string, update: Uint8Array, origin: ChangeOrigin): void {
    const docName = this.docName(id);
    const status = readStatus(articleParts(this.live.get(docName)).meta);
    if (isReadOnlyStatus(status)) {
      throw new LedeError(
        'read_only',
        `This story is ${STATUS_LABELS[status].toLowerCase()} and cannot be changed. An editor can move it back to Draft to edit it.`,
      );
    }
    try {
      Y.decodeUpdate(update);
    } catch {
      throw new LedeError('invalid_payload', 'The update is not a valid Yjs update.');
    }
    this.live.apply(docName, update, origin, articleKind.sessionEditGuard ?? undefined);
  }

  /** The ready checks for moving the story to `to`, as they stand now. */
  check(id: string, to: Status, config: NewsroomConfig): CheckResult {
    return checkArticle(this.live.get(this.docName(id)), to, config);
  }

  /**
   * Moves the story along the workflow. The move must be allowed for the
   * person's role, and the story must pass the checks for its target status:
   * an ERROR refuses the move; a WARN refuses it until the person has
   * acknowledged that rule (they saw the checklist and confirmed).
   */
  setStatus(
    id: string,
    to: Status,
    actor: Profile,
    gate: { config: NewsroomConfig; acknowledge: readonly RuleId[] },
  ): { status: Status; from: Status; editedBy: EditorCredit[] } {
    const docName = this.docName(id);
    const parts = articleParts(this.live.get(docName));
    const from = readStatus(parts.meta);
    const role = this.roleOn(parts.meta, actor);
    const verdict = checkTransition(from, to, role);
    if (!verdict.allowed) throw new LedeError('transition_refused', verdict.reason);
    const checks = checkArticle(this.live.get(docName), to, gate.config);
    if (hasErrors(checks) || unacknowledgedWarnings(checks, gate.acknowledge).length > 0) {
      throw new LedeError('checks_failed', describeRefusal(checks));
    }
    this.live.change(docName, (doc) => {
      const { meta, editedBy } = articleParts(doc);
      meta.set('status', to);
      if (to === 'published' && !meta.get('publishedAt')) meta.set('publishedAt', isoWithOffset(new Date()));
      const alreadyCredited = editedBy.toArray().some((credit) => credit.name === actor.name);
      if (verdict.forward && role === 'editor' && !alreadyCredited) editedBy.push([{ name: actor.name }]);
    });
    this.derive(id);
    return { status: to, from, editedBy: articleParts(this.live.get(docName)).editedBy.toArray() };
  }

  /**
   * Writes back the server's values of guarded keys after it refused a
   * change of this computer's (sync's undo, ADR 0060): core's own change,
   * not a session's edit, so the workflow guard does not stand in its way.
   * Returns the story's headline, for the notice.
   */
  restoreGuarded(id: string, values: Record<string, string | null>): string {
    const docName = this.docName(id);
    this.live.change(docName, (doc) => {
      const { meta } = articleParts(doc);
      for (const [key, value] of Object.entries(values)) {
        if (!(META_KEYS as readonly string[]).includes(key)) continue;
        if ((meta.get(key) ?? null) !== value) meta.set(key, value);
      }
    });
    this.derive(id);
    return readArticleFields(this.live.get(docName)).headline;
  }

  trash(id: string): void {
    const trashedAt = isoWithOffset(new Date());
    this.checkAccountMay(id, { trashedAt });
    this.live.change(this.docName(id), (doc) => articleParts(doc).meta.set('trashedAt', trashedAt));
    this.derive(id);
  }

  restore(id: string): void {
    this.checkAccountMay(id, { trashedAt: null });
    this.live.change(this.docName(id), (doc) => articleParts(doc).meta.set('trashedAt', null));
    this.derive(id);
  }

  /** Gives the story to a desk (null: none), as the newsroom's rules allow the signed-in account. */
  setDesk(id: string, desk: string | null): void {
    const problem = desk === null ? null : deskNameProblem(desk);
    if (problem) throw new LedeError('invalid_payload', problem);
    this.checkAccountMay(id, { desk });
    this.live.change(this.docName(id), (doc) => articleParts(doc).meta.set('desk', desk));
    this.derive(id);
  }

  /** The workflow role this person has on this story: the account's on its desk once signed in, else the profile's. */
  private roleOn(meta: Y.Map<string | null>, actor: Profile): NewsroomRole {
    const account = this.actingAccount();
    return account ? workflowRoleOn(account, readDesk(meta)) : actor.role;
  }

  /**
   * The story rules the sync server runs, checked here first for a signed-in
   * account so a move the server would refuse is refused at once, in words.
   * (Signed out, the profile decides; the server checks again on sync.)
   */
  private checkAccountMay(id: string, change: Partial<GuardedStory>): void {
    const account = this.actingAccount();
    if (!account) return;
    const before = readGuardedStory(this.live.get(this.docName(id)));
    if (!before) return;
    const refusal = refusedStoryChange(before, { ...before, ...change }, account);
    if (refusal) throw new LedeError('transition_refused', refusal.message);
  }

  /**
   * Runs `hook` inside every purge's transaction (sync records the tombstone
   * it owes the server there, so a crash cannot purge without it).
   */
  onPurge(hook: (docName: string) => void): void {
    this.purgeHooks.push(hook);
  }

  /** Deletes a story from this machine for good. Only stories in the trash can be purged. */
  purge(id: string): void {
    const docName = this.docName(id);
    const trashedAt = articleParts(this.live.get(docName)).meta.get('trashedAt');
    if (!trashedAt) throw new LedeError('transition_refused', 'Move the story to the trash before deleting it for good.');
    this.discard(id, true);
  }

  /**
   * Which stories are withheld: not listed, opened or rebuilt while their
   * document stays on disk. Sync says, for stories the newsroom purged.
   */
  withhold(predicate: (docName: string) => boolean): void {
    this.withheld = predicate;
  }

  /**
   * A story the newsroom purged, kept for a possible restore: out of the
   * library and search and out of every window (as a purge), its document
   * and revisions left as they are. The caller has already withheld it.
   */
  setAside(id: string): void {
    const docName = articleDocName(id);
    this.rows.forget(id);
    this.live.unload(docName);
    this.index.remove(id);
    this.derivedListener?.([id]);
  }

  /** A story set aside comes back (an admin restored it): its library row is derived again. */
  bringBack(id: string): void {
    this.rows.refresh(id, { keepLoaded: false });
  }

  /** Removes a story the newsroom purged (a tombstone from the sync server), trashed here or not. */
  discardPurged(id: string): void {
    if (!this.store.info(articleDocName(id))) return;
    this.discard(id, false);
  }

  /**
   * Lets go of a story that is about to be removed below the service (sync's
   * removal of a newsroom's data): no pending row rewrite, nothing in memory.
   * Call `removed` once the rows are gone.
   */
  forget(id: string): void {
    this.rows.forget(id);
    this.live.unload(articleDocName(id));
  }

  /** Tells lists that these stories are gone (after `forget` and their removal). */
  removed(ids: string[]): void {
    if (ids.length) this.derivedListener?.(ids);
  }

  private discard(id: string, runHooks: boolean): void {
    const docName = articleDocName(id);
    this.rows.forget(id);
    this.live.unload(docName);
    // One transaction: a crash in between must not bring the story back.
    this.store.transaction(() => {
      if (runHooks) for (const hook of this.purgeHooks) hook(docName);
      this.index.remove(id);
      // A hook may have withheld it instead (sync: the server will keep it restorable): then its document and history stay.
      if (!(runHooks && this.withheld(docName))) this.store.remove(docName);
    });
    this.derivedListener?.([id]);
  }

  /** Writes every pending library row now (before quitting, or for tests). */
  flush(): void {
    this.rows.flush();
  }

  /** Merges a story's updates into its snapshot if enough have piled up. */
  compactIfDue(id: string, force = false): void {
    this.rows.compactIfDue(id, force);
  }

  /** A story no session has open any more: write its row, compact, free memory. */
  release(id: string): void {
    this.releaseListener?.(id);
    this.rows.release(id);
  }

  private docName(id: string): string {
    const docName = articleDocName(id);
    if (!this.live.has(docName) || this.withheld(docName)) throw new LedeError('not_found', 'This story does not exist (it may have been deleted).');
    return docName;
  }

  private derive(id: string): void {
    this.rows.refresh(id);
  }
}
