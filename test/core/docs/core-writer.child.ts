/**
 * Child process for live-docs.test.ts's crash test: a whole core, edited
 * through a session as the renderer does. Each marker is printed only after
 * `article.update` answered ok (the acknowledgement). Runs until killed.
 *
 * argv: <data dir> <story id> <round>
 */
import * as Y from 'yjs';
import { base64ToBytes, bytesToBase64 } from '../../../shared/base64';
import { articleParts } from '../../../shared/article-doc';
import { openCore } from '../../../electron/core/core';
import { silentLogger } from '../../../electron/core/log';

const [dataDir, id, round] = process.argv.slice(2);
if (!dataDir || !id || !round) throw new Error('usage: core-writer <data dir> <story id> <round>');

// Small debounce and compaction threshold, so kills also land in derivation and compaction.
const core = openCore({ dataDir, shell: 'web', version: '0.0.0-crash', logger: silentLogger, deriveDelayMs: 1, compactAfterUpdates: 15, backupDelayMs: null });
const session = core.connect(() => {});

async function main(): Promise<void> {
  const opened = await session.invoke('article.open', { id });
  if (!opened.ok) throw new Error(opened.error.message);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base64ToBytes((opened.value as { state: string }).state));
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  const paragraph = articleParts(doc).body.get(0) as Y.XmlElement;
  let text = paragraph.get(0) as Y.XmlText | undefined;
  if (!text) {
    // The first round creates the text node; send that before any marker.
    text = new Y.XmlText();
    paragraph.insert(0, [text]);
    const first = await session.invoke('article.update', { id, update: bytesToBase64(update!) });
    if (!first.ok) throw new Error(first.error.message);
  }
  process.stdout.write('ready\n');
  for (let n = 0; ; n++) {
    const marker = `r${round}m${n}`;
    text.insert(text.length, `${marker} `);
    const result = await session.invoke('article.update', { id, update: bytesToBase64(update!) });
    if (!result.ok) throw new Error(result.error.message);
    process.stdout.write(`${marker}\n`);
    if (n % 7 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
