import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Core } from '../../../electron/core/core';
import type { MediaCatalog } from '../../../shared/interchange/media-catalog';
import { readBodyJson } from '../../../shared/article-body';
import { readArticleFields } from '../../../shared/article-doc';
import { base64ToBytes, bytesToBase64 } from '../../../shared/base64';
import { MAX_IMPORT_BYTES } from '../../../shared/interchange';
import { connect, openStory, openTestCore, REPORTER, type TestClient } from '../../helpers/core';
import { buildDocx, TINY_PNG } from '../../helpers/docx';
import { fixturePath } from '../../helpers/fixtures';
import { readSeedStory } from '../../helpers/seed-story-file';

/** Files dropped on Lede become new drafts — whole, or not at all. */

let core: Core;
let client: TestClient;
const stored: Array<{ sha256: string; name: string }> = [];
const catalog: MediaCatalog = {
  describe: () => null,
  async importBytes(bytes, name) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    stored.push({ sha256, name });
    return { sha256 };
  },
};

const bytes = (text: string) => bytesToBase64(new TextEncoder().encode(text));

beforeAll(async () => {
  core = openTestCore({ mediaCatalog: catalog });
  client = connect(core);
  await client.call('profile.set', REPORTER);
});
afterAll(async () => {
  await core.close();
});

async function story(id: string) {
  const { doc } = await openStory(client, id);
  return { fields: readArticleFields(doc), body: readBodyJson(doc) as { content: Array<Record<string, any>> } };
}

async function total(): Promise<number> {
  return (await client.call('library.list', {})).total;
}

const STRINGER_DOCX = buildDocx([
  { kind: 'title', runs: [{ text: 'Floods close the Rhine to shipping' }] },
  { kind: 'paragraph', runs: [{ text: 'Barges are stuck near ' }, { text: 'Koblenz', bold: true }, { text: ' after days of ' }, { text: 'heavy rain', italic: true }, { text: '.' }] },
  { kind: 'heading1', runs: [{ text: 'What shippers say' }] },
  { kind: 'bullet', runs: [{ text: 'Cargo waits in Rotterdam' }] },
  { kind: 'bullet', runs: [{ text: 'Prices for coal rise' }] },
  { kind: 'heading2', runs: [{ text: 'Next steps' }] },
  { kind: 'number', runs: [{ text: 'Dredging starts Monday' }] },
  { kind: 'number', runs: [{ text: 'Locks reopen in stages' }] },
  { kind: 'paragraph', runs: [{ text: 'Read the ' }, { text: 'river authority notice', link: 'https://www.example.org/rhine-notice' }, { text: ' for details.' }] },
  { kind: 'picture', alt: 'Barges moored at Koblenz' },
  { kind: 'caption', runs: [{ text: 'Barges wait for the water to fall.' }] },
]);

describe('Word (.docx) import', () => {
  it('creates a draft with the title as headline and headings, lists, bold, italic and links intact', async () => {
    const result = await client.call('article.importFile', { name: 'rhine-floods.docx', bytes: bytesToBase64(STRINGER_DOCX) });
    expect(result.format).toBe('docx');
    const { fields, body } = await story(result.id);
    expect(fields.headline).toBe('Floods close the Rhine to shipping');
    expect(fields.status).toBe('draft');
    const [first, heading, bullets, subhead, numbered, linked, figure] = body.content;
    expect(first).toMatchObject({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Barges are stuck near ' },
        { type: 'text', text: 'Koblenz', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' after days of ' },
        { type: 'text', text: 'heavy rain', marks: [{ type: 'italic' }] },
        { type: 'text', text: '.' },
      ],
    });
    expect(first!.content).toHaveLength(5);
    expect(heading).toMatchObject({ type: 'heading', attrs: { level: 2 }, content: [{ text: 'What shippers say' }] });
    expect(bullets!.type).toBe('bulletList');
    expect(bullets!.content.map((item: any) => item.content[0].content[0].text)).toEqual(['Cargo waits in Rotterdam', 'Prices for coal rise']);
    expect(subhead).toMatchObject({ type: 'heading', attrs: { level: 2 }, content: [{ text: 'Next steps' }] });
    expect(numbered!.type).toBe('orderedList');
    expect(numbered!.content).toHaveLength(2);
    expect(linked!.content[1]).toMatchObject({ text: 'river authority notice', marks: [{ type: 'link', attrs: { href: 'https://www.example.org/rhine-notice' } }] });
    // The picture went to the media library and became a figure with its alt text and Word caption.
    const sha = createHash('sha256').update(TINY_PNG).digest('hex');
    expect(stored.map((s) => s.sha256)).toContain(sha);
    expect(figure).toMatchObject({ type: 'figure', attrs: { media: sha, alt: 'Barges moored at Koblenz' }, content: [{ type: 'text', text: 'Barges wait for the water to fall.' }] });
    expect(result.notes).toEqual([]);
    // The import is the story's first entry in its history.
    const { items } = await client.call('article.revisions', { id: result.id });
    expect(items).toMatchObject([{ reason: 'imported', detail: 'Imported from rhine-floods.docx', author: REPORTER.name }]);
  });

  it('with a media library that cannot take pictures keeps the figure (caption, alt text, no picture) and says so', async () => {
    const bare = openTestCore({ mediaCatalog: { describe: () => null } });
    try {
      const other = connect(bare);
      await other.call('profile.set', REPORTER);
      const result = await other.call('article.importFile', { name: 'rhine-floods.docx', bytes: bytesToBase64(STRINGER_DOCX) });
      expect(result.notes.join(' ')).toMatch(/1 picture from the file could not be stored: this Lede has no media library/);
      const { state } = await other.call('article.open', { id: result.id });
      const doc = new Y.Doc();
      Y.applyUpdate(doc, base64ToBytes(state));
      const figure = (readBodyJson(doc).content as Array<Record<string, unknown>>).find((node) => node.type === 'figure');
      expect(figure).toMatchObject({ attrs: { alt: 'Barges moored at Koblenz' }, content: [{ text: 'Barges wait for the water to fall.' }] });
      expect((figure!.attrs as { media?: string | null }).media ?? null).toBeNull();
    } finally {
      await bare.close();
    }
  });

  const refusals: Array<[string, Uint8Array, RegExp]> = [
    ['a truncated .docx', STRINGER_DOCX.slice(0, 300), /damaged/],
    ['a text file named .docx', new TextEncoder().encode('Dear editor, here is my story.'), /not a Word document/],
    [
      'a password-protected .docx (an OLE file holding an EncryptedPackage)',
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(Buffer.from('\0\0EncryptionInfo\0EncryptedPackage', 'utf16le'))]),
      /protected with a password/,
    ],
    ['an old Word 97 .doc renamed', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(Buffer.from('WordDocument', 'utf16le'))]), /Word 97–2003/],
    ['an empty file', new Uint8Array(), /empty/],
  ];

  it.each(refusals)('refuses %s with a clear message and leaves no draft', async (_label, file, message) => {
    const before = await total();
    const result = await client.session.invoke('article.importFile', { name: 'stringer.docx', bytes: bytesToBase64(file) });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) {
      expect(['unsupported_file', 'invalid_payload']).toContain(result.error.code);
      expect(result.error.message).toMatch(message);
    }
    expect(await total()).toBe(before);
  });

  it('refuses a file over the size limit before it reaches core', async () => {
    const before = await total();
    const huge = 'A'.repeat(Math.ceil((MAX_IMPORT_BYTES + 1024) / 3) * 4);
    const result = await client.session.invoke('article.importFile', { name: 'huge.docx', bytes: huge });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    if (!result.ok) expect(result.error.message).toMatch(/larger than 16 MB/);
    expect(await total()).toBe(before);
  });
});

describe('HTML, Markdown and text import', () => {
  it('cleans an HTML file with scripts, handlers and styles, says so, and keeps the story', async () => {
    const html = `<!doctype html><html lang="de"><head><title>Site | Rhein</title><meta name="description" content="Der Rhein ist gesperrt.">
      <meta name="author" content="Anna Berg"><script>alert(1)</script><style>p{color:red}</style></head>
      <body><nav>Home · News</nav><h1>Hochwasser: Rhein gesperrt</h1>
      <p onclick="steal()">Schiffe <b>stecken</b> fest. <a href="javascript:alert(2)">Klick</a> <a href="https://example.org/a">Quelle</a></p>
      <iframe src="https://ads.example.com"></iframe><script>document.cookie</script>
      <figure><img src="https://cdn.example.com/barges.jpg" alt="Frachtschiffe"><figcaption>Schiffe warten. <span class="credit">dpa</span></figcaption></figure></body></html>`;
    const result = await client.call('article.importFile', { name: 'rhein.html', bytes: bytes(html) });
    expect(result.format).toBe('html');
    expect(result.notes.join(' ')).toMatch(/Removed 2 scripts, styles and embedded objects; nothing in the file was run/);
    expect(result.notes.join(' ')).toMatch(/1 picture on the web was not downloaded/);
    const { fields, body } = await story(result.id);
    expect(fields).toMatchObject({ headline: 'Hochwasser: Rhein gesperrt', teaser: 'Der Rhein ist gesperrt.', language: 'de' });
    expect(fields.bylines).toMatchObject([{ name: 'Anna Berg', role: 'author' }]);
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/alert|steal|cookie|color:red|javascript|Home · News|ads\.example/);
    expect(body.content[0]).toMatchObject({
      type: 'paragraph',
      content: [{ text: 'Schiffe ' }, { text: 'stecken', marks: [{ type: 'bold' }] }, { text: ' fest. Klick ' }, { text: 'Quelle', marks: [{ type: 'link' }] }],
    });
    expect(body.content[1]).toMatchObject({ type: 'figure', attrs: { alt: 'Frachtschiffe', credit: 'dpa' }, content: [{ text: 'Schiffe warten.' }] });
    expect(body.content[1]!.attrs.media ?? null).toBeNull();
  });

  it('stores a picture embedded as a data: address', async () => {
    const html = `<h1>Chart</h1><p><img src="data:image/png;base64,${bytesToBase64(TINY_PNG)}" alt="A chart"></p>`;
    const result = await client.call('article.importFile', { name: 'chart.htm', bytes: bytes(html) });
    const { body } = await story(result.id);
    expect(body.content.find((node) => node.type === 'figure')).toMatchObject({ attrs: { media: createHash('sha256').update(TINY_PNG).digest('hex'), alt: 'A chart' } });
  });

  it('reads Markdown: heading as headline, lists, emphasis, links; raw HTML cleaned', async () => {
    const markdown = '# Budget passes\n\nParliament **passed** the _budget_ after [a long night](https://example.org/night).\n\n## Who voted\n\n- Greens\n- Liberals\n\n<script>alert(1)</script>\n';
    const result = await client.call('article.importFile', { name: 'budget.md', bytes: bytes(markdown) });
    const { fields, body } = await story(result.id);
    expect(fields.headline).toBe('Budget passes');
    expect(body.content.map((node) => node.type)).toEqual(['paragraph', 'heading', 'bulletList']);
    expect(JSON.stringify(body)).toContain('"marks":[{"type":"link","attrs":{"href":"https://example.org/night"');
    expect(JSON.stringify(body)).not.toContain('alert');
  });

  it('never brings review markup in: suggestions, flags, notes and comment anchors in a file come in as plain text', async () => {
    const review =
      'Talks <ins data-review="insertion" data-suggestion="s1" data-author="mallory">quietly </ins>ended ' +
      '<del data-review="deletion" data-suggestion="s2">in Moscow</del> <mark data-review="legal-flag">on Friday</mark> ' +
      '<span data-review="note">call back</span> <span class="comment-anchor" data-thread="t1">late</span>.';
    for (const [name, file] of [
      ['review.html', `<h1>Talks</h1><p>${review}</p>`],
      ['review.md', `# Talks\n\n${review}\n`],
    ] as const) {
      const result = await client.call('article.importFile', { name, bytes: bytes(file) });
      const { body } = await story(result.id);
      expect(body.content, name).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: 'Talks quietly ended in Moscow on Friday call back late.' }] }]);
      const docJson = JSON.stringify((await openStory(client, result.id)).doc.toJSON());
      expect(docJson, name).not.toMatch(/suggested|legalFlag|editorNote|mallory|"t1"/);
    }
  });

  it('reads Windows-1252 text and plain-text paragraphs', async () => {
    const latin = Uint8Array.from([...new TextEncoder().encode('Caf'), 0xe9, ...new TextEncoder().encode(' reopens\n\nJos'), 0xe9, ...new TextEncoder().encode(' Mart'), 0xed, ...new TextEncoder().encode('nez is back.')]);
    const result = await client.call('article.importFile', { name: 'cafe.txt', bytes: bytesToBase64(latin) });
    const { fields, body } = await story(result.id);
    expect(fields.headline).toBe('Café reopens');
    expect(body.content).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: 'José Martínez is back.' }] }]);
  });

  it('refuses a binary file named .html and an unknown kind of file', async () => {
    const before = await total();
    const jpeg = await client.session.invoke('article.importFile', { name: 'photo.html', bytes: bytesToBase64(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])) });
    expect(jpeg).toMatchObject({ ok: false, error: { code: 'unsupported_file' } });
    const pdf = await client.session.invoke('article.importFile', { name: 'brief.pdf', bytes: bytes('%PDF-1.7') });
    expect(pdf).toMatchObject({ ok: false, error: { code: 'unsupported_file', message: expect.stringMatching(/Word documents \(\.docx\), ninjs/) } });
    const empty = await client.session.invoke('article.importFile', { name: 'blank.html', bytes: bytes('<html><body><script>x()</script></body></html>') });
    expect(empty).toMatchObject({ ok: false, error: { code: 'unsupported_file', message: expect.stringMatching(/no text/) } });
    expect(await total()).toBe(before);
  });
});

/** A published web article, saved as a page or copied as text, fills the story's fields (ADR 0066). */
describe('web article import: the same mapping for .html and .txt', () => {
  const fixture = (...parts: string[]) => bytesToBase64(fs.readFileSync(fixturePath(...parts)));
  const paragraphText = (body: { content: Array<Record<string, any>> }) =>
    body.content.map((node) => `${node.type}: ${(node.content ?? []).map((child: any) => child.text ?? '').join('')}`);

  it.each([
    ['whole-article.html', ['paste', 'whole-article.html']],
    ['web-article.txt', ['articles', 'web-article.txt']],
  ])('%s: kicker, headline, teaser, byline, agencies and Edited by fill their fields; the video is listed', async (name, parts) => {
    const result = await client.call('article.importFile', { name, bytes: fixture(...parts) });
    const { fields, body } = await story(result.id);
    expect(fields).toMatchObject({
      section: 'Politics',
      kicker: 'Varholm',
      headline: 'Harbour town votes to bring back its night ferry',
      teaser: "Varholm's council wants the island crossing back after dark, two winters after it was cut to balance the budget.",
      sources: ['Coastal Press', 'Nordic Wire', 'Fjord Radio'],
      editedBy: [{ name: 'Tomas Berg' }],
    });
    expect(fields.bylines).toMatchObject([{ name: 'Marta Lindqvist', role: 'author' }]);
    expect(result.notes).toContain('Not kept: 1 video (Can a night ferry pay its way? 04:44).');
    expect(result.notes).toContain("Left out: the date (March 3, 2026), the author's bio (Marta Lindqvist).");
    const texts = paragraphText(body);
    expect(texts[0]).toBe('figure: The Solvind has been laid up since the night crossings stopped');
    expect(body.content[0]).toMatchObject({ type: 'figure', attrs: { alt: 'The ferry Solvind moored at the quay in Varholm', credit: expect.stringMatching(/Ola Brekke\/Coastal Press$/) } });
    expect(texts.slice(1)).toEqual([
      "paragraph: Varholm's town council voted on Tuesday to bring back the night ferry to Brennholm island, the mayor's office said.",
      'heading: Why does the island want its ferry back?',
      'paragraph: Mayor Ingrid Solheim is due to meet the regional transport authority next week to agree on a timetable.',
      'paragraph: In a January letter to the council, the authority said it was "open to a shared solution".',
    ]);
    expect(JSON.stringify(body)).not.toMatch(/PoliticsVarholm|04:44|Edited by|Reporting on the coast|March 3/);
  });

  it('the labelled seed story fills every field, its figure waits for its picture', async () => {
    const seed = readSeedStory();
    const result = await client.call('article.importFile', { name: 'seed-story.txt', bytes: fixture('articles', 'seed-story.txt') });
    const { fields, body } = await story(result.id);
    expect(fields).toMatchObject({ section: seed.section, kicker: seed.kicker, headline: seed.headline, teaser: seed.teaser, sources: seed.sources, slug: seed.slug, dateline: seed.dateline, tags: seed.tags });
    expect(fields.bylines).toMatchObject([{ name: seed.byline }]);
    expect(body.content[0]).toMatchObject({ type: 'figure', attrs: { alt: seed.figure.alt, credit: seed.figure.credit }, content: [{ text: seed.figure.caption }] });
    expect(body.content.filter((node) => node.type === 'heading')).toMatchObject([{ content: [{ text: seed.subhead }] }]);
    expect(result.notes[0]).toMatch(/The figure keeps its caption, credit and alt text/);
    expect(result.notes).toContain(`Not kept: 1 video (${seed.video.title} (04:44)).`);
  });
});
