import { useState } from 'react';
import type { ResultOf } from '../../../shared/contract';
import { ChangeAuthor, showsChange, type ChangesByChoice } from './change-authors';
import { TextChanges } from './TextChanges';

type Block = ResultOf<'article.revisionDiff'>['diff']['body'][number];
type Row = Block | { kind: 'fold'; count: number } | { kind: 'others'; count: number };

/** Unchanged runs longer than this fold into one line that can be opened. */
const KEEP_CONTEXT = 1;

/**
 * The body's blocks in order: changed ones marked with who changed them,
 * long unchanged stretches folded. Narrowed to one person (`changesBy`),
 * the changes of everyone else fold into a line saying how many there are.
 */
export function DiffBody({ blocks, changesBy, onShowEveryone }: { blocks: Block[]; changesBy: ChangesByChoice; onShowEveryone(): void }) {
  const [expanded, setExpanded] = useState(false);
  const rows: Row[] = [];
  let run: Block[] = [];
  const flush = (atEnd: boolean) => {
    if (expanded || run.length <= KEEP_CONTEXT * 2 + 1) rows.push(...run);
    else {
      const head = rows.length === 0 ? [] : run.slice(0, KEEP_CONTEXT);
      const tail = atEnd ? [] : run.slice(-KEEP_CONTEXT);
      rows.push(...head, { kind: 'fold', count: run.length - head.length - tail.length }, ...tail);
    }
    run = [];
  };
  for (const block of blocks) {
    if (block.kind === 'same') run.push(block);
    else if (!showsChange(changesBy, block.by)) {
      flush(false);
      const last = rows[rows.length - 1];
      if (last?.kind === 'others') last.count += 1;
      else rows.push({ kind: 'others', count: 1 });
    } else {
      flush(false);
      rows.push(block);
    }
  }
  flush(true);

  return (
    <ol className="diff-blocks">
      {rows.map((row, index) => {
        if (row.kind === 'fold') {
          return (
            <li key={index} className="diff-fold">
              <button type="button" className="link-button" onClick={() => setExpanded(true)}>
                {row.count} unchanged {row.count === 1 ? 'block' : 'blocks'} — show
              </button>
            </li>
          );
        }
        if (row.kind === 'others') {
          return (
            <li key={index} className="diff-fold">
              <button type="button" className="link-button" onClick={onShowEveryone}>
                {row.count} {row.count === 1 ? 'change' : 'changes'} by others — show everyone’s
              </button>
            </li>
          );
        }
        const status = row.kind === 'same' ? 'unchanged' : row.kind;
        return (
          <li key={index} className={`diff-block diff-block-${row.kind}`}>
            <span className="diff-block-label">
              {row.label}
              <span className="visually-hidden"> ({status})</span>
              {row.kind !== 'same' && row.kind !== 'changed' && <span className="diff-block-kind">{row.kind}</span>}
              {row.kind !== 'same' && <ChangeAuthor by={row.by} />}
            </span>
            {row.kind === 'changed' ? (
              <TextChanges parts={row.parts} />
            ) : row.kind === 'added' ? (
              <ins className="diff-insert diff-text">{row.text}</ins>
            ) : row.kind === 'removed' ? (
              <del className="diff-delete diff-text">{row.text}</del>
            ) : (
              <span className="diff-text">{row.text}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
