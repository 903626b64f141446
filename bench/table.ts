/** One row of the benchmark table (docs/budgets.md). */
export interface BenchRow {
  scenario: string;
  figure: string;
  budget: string;
  /** Ratio against the raw library doing the same work, where the budget has one. */
  ratio?: string;
  pass: boolean | null;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function ms(value: number): string {
  if (value < 10) return `${value.toFixed(2)} ms`;
  return value < 100 ? `${value.toFixed(1)} ms` : `${value.toFixed(0)} ms`;
}

export function printTable(rows: BenchRow[]): void {
  const headers = ['scenario', 'figure', 'budget', 'ratio', 'verdict'];
  const cells = rows.map((r) => [r.scenario, r.figure, r.budget, r.ratio ?? '—', r.pass === null ? 'n/a' : r.pass ? 'ok' : 'OVER BUDGET']);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of cells) console.log(line(row));
}
