import type * as Y from 'yjs';
import type { CompactionPolicy, DocumentKind } from '../../../shared/documents/document-kind';
import type { Logger } from '../log';
import type { DocInfo, DocStore } from './doc-store';
import { SYNC_ORIGIN, type LiveDocs } from './live-docs';

export interface DerivedRowsOptions {
  kind: DocumentKind;
  /**
   * Quiet time after a change before the document's row is rewritten (a story
   * changes at every keystroke). null: the caller derives in the change's own
   * transaction, and a change that arrived by sync is derived at once.
   */
  deriveDelayMs: number | null;
  compaction: CompactionPolicy;
  /** Writes the document's derived row(s) and search entry. */
  write(id: string, docName: string, doc: Y.Doc, info: DocInfo): void;
}

/**
 * A document nobody here has open, changed by sync (someone elsewhere is
 * typing into it), whose row costs PACED_FROM_MS or more, has its row
 * rewritten at most once per REMOTE_COST_FACTOR times what its last rewrite
 * cost (ADR 0069): a story whose row takes 100 ms (60,000 words, read from
 * disk) is rewritten every 5 s while the changes keep coming, and this
 * computer spends at most 2 % of its time on it. A cheaper row keeps the
 * quiet time (deriveDelayMs) like any other.
 */
const REMOTE_COST_FACTOR = 50;
const PACED_FROM_MS = 20;

/**
 * Keeps one kind of document's derived rows in step with its documents, and
 * compacts their update logs by the kind's policy: the one mechanism stories
 * and photos share. A document that is not open is loaded to be read and
 * let go of again, so a first sync of a thousand documents does not keep a
 * thousand of them in memory.
 */
export class DerivedRows {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly changedSinceCompaction = new Map<string, number>();
  /** What rewriting a row last cost, in ms, for rows that cost enough to be paced (PACED_FROM_MS). */
  private readonly rowCostMs = new Map<string, number>();
  private derivedListener: ((ids: string[]) => void) | null = null;

  constructor(
    private readonly live: LiveDocs,
    private readonly store: DocStore,
    private readonly log: Logger,
    private readonly options: DerivedRowsOptions,
  ) {
    live.onStored((change) => {
      const id = options.kind.idOf(change.docId);
      if (!id) return;
      this.changedSinceCompaction.set(id, (this.changedSinceCompaction.get(id) ?? 0) + 1);
      if (options.deriveDelayMs !== null) {
        if (change.origin === SYNC_ORIGIN && this.rowCostMs.has(id) && !live.isLoaded(change.docId)) this.pace(id, options.deriveDelayMs);
        else this.schedule(id, options.deriveDelayMs);
      } else if (change.origin === SYNC_ORIGIN && this.refresh(id, { keepLoaded: false })) this.release(id);
    });
  }

  /** Called with ids whose rows were rewritten outside a caller's transaction (`refresh`, timers). */
  onDerived(listener: (ids: string[]) => void): void {
    this.derivedListener = listener;
  }

  /**
   * Writes the row now, joining the caller's transaction; throws what writing
   * throws. False when there is no such document (any more).
   */
  derive(id: string): boolean {
    this.cancel(id);
    const docName = this.options.kind.docName(id);
    const info = this.store.info(docName);
    if (!info) return false;
    this.options.write(id, docName, this.live.get(docName), info);
    if ((this.changedSinceCompaction.get(id) ?? 0) >= this.options.compaction.afterUpdates) this.compactIfDue(id);
    return true;
  }

  /** Writes the row now and tells listeners; a failure is logged and the row stays as it was. */
  refresh(id: string, { keepLoaded = true } = {}): boolean {
    const docName = this.options.kind.docName(id);
    const wasLoaded = this.live.isLoaded(docName);
    const started = performance.now();
    try {
      if (!this.derive(id)) return false;
    } catch (error) {
      this.log.error('could not derive a row from its document', { docId: docName, error });
      return false;
    } finally {
      if (!keepLoaded && !wasLoaded) this.live.unload(docName);
    }
    this.noteCost(id, performance.now() - started);
    this.derivedListener?.([id]);
    return true;
  }

  /**
   * Rebuilds rows a crash left behind their documents, one document per turn
   * of the event loop, after start-up: core answers requests (and the shell
   * prints that it is ready) while a long story's row is rebuilt, and each
   * rebuilt row is announced like any other. `stopped` ends it early (core
   * closing). Resolves with how many rows were rebuilt.
   */
  async recover(staleDocNames: readonly string[], stopped: () => boolean): Promise<number> {
    let rebuilt = 0;
    for (const docName of staleDocNames) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (stopped()) break;
      const id = this.options.kind.idOf(docName);
      if (id && this.refresh(id, { keepLoaded: false })) rebuilt += 1;
    }
    if (staleDocNames.length) this.log.info('rebuilt rows', { kind: this.options.kind.kind, count: rebuilt, stale: staleDocNames.length });
    return rebuilt;
  }

  /** Writes every pending row now (before quitting, or for tests). */
  flush(): void {
    for (const id of [...this.timers.keys()]) this.refresh(id, { keepLoaded: false });
  }

  /** Merges the document's updates into its snapshot if enough have piled up (or any, when forced). */
  compactIfDue(id: string, force = false): void {
    const docName = this.options.kind.docName(id);
    const pending = this.store.pendingUpdates(docName);
    if (pending === 0 || (!force && pending < this.options.compaction.afterUpdates)) return;
    const { merged } = this.store.compact(docName);
    this.changedSinceCompaction.delete(id);
    this.log.debug('compacted', { docId: docName, merged });
  }

  /** Nobody needs the document in memory any more: write a pending row, compact by the policy, free it. */
  release(id: string): void {
    if (this.timers.has(id)) this.refresh(id);
    this.compactIfDue(id, this.options.compaction.onRelease);
    this.live.unload(this.options.kind.docName(id));
  }

  /** Drops what is pending for a document about to be removed. */
  forget(id: string): void {
    this.cancel(id);
    this.changedSinceCompaction.delete(id);
    this.rowCostMs.delete(id);
  }

  /**
   * A change by sync to a document not open here whose row is costly: a
   * throttle, not a debounce (the row catches up while the changes keep
   * coming), REMOTE_COST_FACTOR times what the row last cost after the
   * first change not in it. A row already due keeps its time.
   */
  private pace(id: string, quietMs: number): void {
    if (this.timers.has(id)) return;
    this.schedule(id, Math.max(quietMs, (this.rowCostMs.get(id) ?? 0) * REMOTE_COST_FACTOR));
  }

  private noteCost(id: string, costMs: number): void {
    if (costMs >= PACED_FROM_MS) this.rowCostMs.set(id, costMs);
    else this.rowCostMs.delete(id);
  }

  private schedule(id: string, delayMs: number): void {
    clearTimeout(this.timers.get(id));
    const timer = setTimeout(() => this.refresh(id, { keepLoaded: false }), delayMs);
    timer.unref();
    this.timers.set(id, timer);
  }

  private cancel(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }
}
