import { useState } from 'react';
import type { ResultOf } from '../../../shared/contract';
import { TextChanges } from './TextChanges';

type Block = ResultOf<'article.revisionDiff'>['diff']['body'][number];

/** Unchanged runs longer than this fold into one line that can be opened. */
const KEEP_CONTEXT = 1;

/** The body's blocks in order: changed ones marked, long unchanged stretches folded. */
export function DiffBody({ blocks }: { blocks: Block[] }) {
  const [expanded, setExpanded] = useState(false);
  const rows: Array<Block | { kind: 'fold'; count: number }> = [];
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
    else {
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
        const status = row.kind === 'same' ? 'unchanged' : row.kind;
        return (
          <li key={index} className={`diff-block diff-block-${row.kind}`}>
            <span className="diff-block-label">
              {row.label}
              <span className="visually-hidden"> ({status})</span>
              {row.kind !== 'same' && row.kind !== 'changed' && <span className="diff-block-kind">{row.kind}</span>}
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
