/** Plain text of a body in ProseMirror JSON, one block per line (for counts in exports). */

type JsonNode = { type?: string; text?: string; attrs?: Record<string, unknown>; content?: JsonNode[] };

const BLOCKS = new Set(['paragraph', 'heading', 'pullQuote', 'figure', 'listItem', 'videoEmbed', 'factbox']);

export function bodyPlainTextFromJson(body: { content?: unknown[] }, options: { captions: boolean }): string {
  const lines: string[] = [];
  let line = '';
  const end = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  const walk = (nodes: JsonNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') line += node.text ?? '';
      else if (node.type === 'hardBreak') line += ' ';
      else if (node.type === 'figure' && !options.captions) continue;
      else {
        const block = BLOCKS.has(node.type ?? '');
        if (block) end();
        if (node.type === 'videoEmbed' || node.type === 'factbox') line += String(node.attrs?.title ?? '');
        if (block && line) end();
        walk(node.content ?? []);
        if (block) end();
      }
    }
  };
  walk((body.content ?? []) as JsonNode[]);
  end();
  return lines.join('\n');
}
