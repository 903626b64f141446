/**
 * Myers' O((N+M)·D) difference of two sequences: the shortest edit script as
 * runs of kept, deleted and inserted items. Used for words within a block
 * and for the blocks of a story. Past `maxEdits` differences it gives up and
 * reports "all deleted, all inserted" — right, if not minimal, and never slow.
 */

export type DiffOp = 'equal' | 'delete' | 'insert';

export interface SequenceEdit<T> {
  op: DiffOp;
  items: T[];
}

export function diffSequences<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean = Object.is, maxEdits = 1000): SequenceEdit<T>[] {
  // Common prefix and suffix first: most revisions change little.
  let start = 0;
  while (start < a.length && start < b.length && equal(a[start]!, b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && equal(a[endA - 1]!, b[endB - 1]!)) {
    endA--;
    endB--;
  }
  const edits: SequenceEdit<T>[] = [];
  push(edits, 'equal', a.slice(0, start));
  for (const edit of middle(a.slice(start, endA), b.slice(start, endB), equal, maxEdits)) push(edits, edit.op, edit.items);
  push(edits, 'equal', a.slice(endA));
  return edits;
}

function push<T>(edits: SequenceEdit<T>[], op: DiffOp, items: T[]): void {
  if (items.length === 0) return;
  const last = edits[edits.length - 1];
  if (last && last.op === op) last.items.push(...items);
  else edits.push({ op, items: [...items] });
}

function middle<T>(a: T[], b: T[], equal: (x: T, y: T) => boolean, maxEdits: number): SequenceEdit<T>[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [...(n ? [{ op: 'delete' as const, items: a }] : []), ...(m ? [{ op: 'insert' as const, items: b }] : [])];
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v: Int32Array = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && equal(a[x]!, b[y]!)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return [{ op: 'delete', items: a }, { op: 'insert', items: b }];
  // Walk the trace back from (n, m) to (0, 0), collecting single steps.
  const steps: Array<{ op: DiffOp; item: T }> = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      steps.push({ op: 'equal', item: a[--x]! });
      y--;
    }
    if (d > 0) {
      if (x === prevX) steps.push({ op: 'insert', item: b[--y]! });
      else steps.push({ op: 'delete', item: a[--x]! });
    }
  }
  const edits: SequenceEdit<T>[] = [];
  for (let i = steps.length - 1; i >= 0; i--) push(edits, steps[i]!.op, [steps[i]!.item]);
  return edits;
}

/** Words, runs of spaces and single punctuation marks: the units a reader sees change. */
export function tokenizeWords(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}\p{M}'’_-]+|[^\s\p{L}\p{N}\p{M}]/gu) ?? [];
}

export interface TextPart {
  op: DiffOp;
  text: string;
}

/**
 * Word-level difference of two texts. A space or a short word ("the", "on")
 * kept between two changes is folded into them, so a rewritten phrase reads
 * as one replacement rather than word-by-word confetti.
 */
export function diffWords(before: string, after: string): TextPart[] {
  const parts = diffSequences(tokenizeWords(before), tokenizeWords(after)).map((edit) => ({ op: edit.op, text: edit.items.join('') }));
  const result: TextPart[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted) result.push({ op: 'delete', text: deleted });
    if (inserted) result.push({ op: 'insert', text: inserted });
    deleted = '';
    inserted = '';
  };
  parts.forEach((part, index) => {
    const between = part.op === 'equal' && part.text.trim().length <= 3 && (deleted || inserted) && parts[index + 1] && parts[index + 1]!.op !== 'equal';
    if (part.op === 'delete') deleted += part.text;
    else if (part.op === 'insert') inserted += part.text;
    else if (between) {
      deleted += part.text;
      inserted += part.text;
    } else {
      flush();
      result.push(part);
    }
  });
  flush();
  return result;
}
