import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../../shared/article-doc';
import { base64ToBytes, bytesToBase64 } from '../../../shared/base64';
import type { Core } from '../../../electron/core/core';
import { buildDocx } from '../../helpers/docx';
import { connect, openStory, openTestCore, REPORTER } from '../../helpers/core';
import { fixturePath } from '../../helpers/fixtures';
import { importAndWait } from '../../helpers/media';

/**
 * The seam between the photo desk and interchange, with the real library:
 * exports describe a figure's picture from the library, and pictures inside
 * an imported Word file become photo desk assets.
 */
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('the photo desk library as interchange sees it', () => {
  it('exports a figure with the photo’s real renditions and the story’s own caption and credit', async () => {
    core = openTestCore();
    const client = connect(core);
    await client.call('profile.set', REPORTER);
    const progress = await importAndWait(core, client, [fixturePath('images', 'IPTC-PhotometadataRef-Std2021.1.jpg')]);
    expect(progress.imported).toBe(1);
    const { items } = await client.call('media.list', {});
    const photo = items[0]!;

    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    await story.edit((doc) => {
      const parts = articleParts(doc);
      parts.headline.insert(0, 'A story with a photo');
      const figure = new Y.XmlElement('figure');
      figure.setAttribute('media', photo.sha256);
      figure.setAttribute('credit', 'Story credit');
      figure.setAttribute('alt', 'Story alt text');
      figure.insert(0, [new Y.XmlText('The story’s own caption')]);
      parts.body.insert(parts.body.length, [figure]);
    });
    const file = await client.call('article.export', { id, format: 'ninjs' });
    const ninjs = JSON.parse(file.text) as { associations?: Array<Record<string, unknown>> };
    const association = ninjs.associations?.find((a) => JSON.stringify(a).includes(photo.sha256));
    expect(association, JSON.stringify(ninjs.associations)).toBeDefined();
    const renditions = association!.renditions as Array<{ href: string; contenttype?: string; width?: number; height?: number; sizeinbytes?: number }>;
    const original = renditions.find((r) => r.href.endsWith(`${photo.sha256}/original`));
    expect(original).toMatchObject({ contenttype: 'image/jpeg', width: photo.width, height: photo.height, sizeinbytes: photo.bytes });
    expect(JSON.stringify(association)).toContain('The story’s own caption');
    expect(JSON.stringify(association)).toContain('Story credit');
  });

  it('stores the pictures of an imported Word file in the photo library and links the figures to them', async () => {
    core = openTestCore();
    const client = connect(core);
    await client.call('profile.set', REPORTER);
    const docx = buildDocx([
      { kind: 'title', runs: [{ text: 'Flood waters recede' }] },
      { kind: 'paragraph', runs: [{ text: 'The river fell overnight.' }] },
      { kind: 'picture', alt: 'A flooded street' },
    ]);
    const draft = await client.call('article.importFile', { name: 'stringer.docx', bytes: bytesToBase64(docx) });
    const { items } = await client.call('media.list', {});
    expect(items).toHaveLength(1);
    const { state } = await client.call('article.open', { id: draft.id });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base64ToBytes(state));
    const figures = articleParts(doc).body.toArray().filter((node) => node instanceof Y.XmlElement && node.nodeName === 'figure') as Y.XmlElement[];
    expect(figures).toHaveLength(1);
    expect(figures[0]!.getAttribute('media')).toBe(items[0]!.sha256);
    expect(figures[0]!.getAttribute('alt')).toBe('A flooded street');
  });
});

describe('a picture the photo library refuses', () => {
  it('costs its figure the picture, not the import: caption and alt text stay, the reason is in the notes', async () => {
    core = openTestCore();
    const client = connect(core);
    await client.call('profile.set', REPORTER);
    const garbage = btoa('this is not a picture at all');
    const html = `<h1>Chart of the week</h1><figure><img src="data:image/png;base64,${garbage}" alt="A chart"><figcaption>Rainfall by month</figcaption></figure><p>More below.</p>`;
    const draft = await client.call('article.importFile', { name: 'chart.html', bytes: bytesToBase64(new TextEncoder().encode(html)) });
    expect(draft.notes.join(' ')).toMatch(/1 picture from the file could not be stored \(picture\.png: .*not an image.*\)\. Its figure keeps caption and alt text\./);
    expect((await client.call('media.list', {})).items).toHaveLength(0);
    const { state } = await client.call('article.open', { id: draft.id });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base64ToBytes(state));
    const figure = articleParts(doc).body.toArray().find((node) => node instanceof Y.XmlElement && node.nodeName === 'figure') as Y.XmlElement | undefined;
    expect(figure?.getAttribute('media') ?? null).toBeNull();
    expect(figure?.getAttribute('alt')).toBe('A chart');
    expect(figure?.toString()).toContain('Rainfall by month');
  });
});
