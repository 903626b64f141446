import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { GEOJSON_STAND_IN } from '../../../shared/interchange/ninjs/validate-ninjs';
import type { MediaCatalog } from '../../../shared/interchange/media-catalog';
import { bytesToBase64 } from '../../../shared/base64';
import { connect, openTestCore, type TestClient } from '../../helpers/core';
import { standardsDir } from '../../helpers/fixtures';
import { buildSeedStory, readSeedStory, SEED_PICTURE, SEED_VIDEO_SOURCE } from '../../helpers/seed-story';

/**
 * ninjs 2.2 export and import, checked against IPTC's own schema file in
 * test/fixtures/standards/ninjs (not Lede's bundled copy) with an independent Ajv.
 */

const schemaFile = path.join(standardsDir(), 'ninjs', 'ninjs-schema_2.2.json');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(GEOJSON_STAND_IN);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));

const catalog: MediaCatalog = {
  describe: (sha) => (sha === SEED_PICTURE ? { mimeType: 'image/jpeg', width: 1920, height: 1080, byteSize: 345_678, headline: 'The Solvind at Varholm quay' } : null),
};

type Ninjs = Record<string, any>;

let core: Core;
let client: TestClient;
let seedId: string;
const seed = readSeedStory();

async function exportNinjs(id: string): Promise<Ninjs> {
  const file = await client.call('article.export', { id, format: 'ninjs' });
  expect(file.mimeType).toBe('application/json');
  return JSON.parse(file.text) as Ninjs;
}

async function importNinjs(document: unknown, name = 'story.json') {
  return client.call('article.importFile', { name, bytes: bytesToBase64(new TextEncoder().encode(JSON.stringify(document))) });
}

beforeAll(async () => {
  core = openTestCore({ mediaCatalog: catalog });
  client = connect(core);
  seedId = await buildSeedStory(client, seed);
});
afterAll(async () => {
  await core.close();
});

describe('ninjs export of the seed story', () => {
  it('validates against the ninjs 2.2 schema', async () => {
    const ninjs = await exportNinjs(seedId);
    expect(validate(ninjs), JSON.stringify(validate.errors)).toBe(true);
  });

  it('carries each field where docs/content-model.md maps it', async () => {
    const ninjs = await exportNinjs(seedId);
    expect(ninjs.uri).toBe(`urn:uuid:${seedId}`);
    expect(ninjs.headlines).toEqual([
      { role: 'main', contenttype: 'text/plain', value: seed.headline },
      { role: 'kicker', contenttype: 'text/plain', value: seed.kicker },
    ]);
    expect(ninjs.descriptions).toEqual([{ role: 'teaser', contenttype: 'text/plain', value: seed.teaser }]);
    expect(ninjs.by).toBe(seed.byline);
    expect(ninjs.people).toEqual([
      { name: seed.byline, rel: 'author' },
      { name: seed.editedBy, rel: 'editedby' },
    ]);
    expect(ninjs.infosources).toEqual(seed.sources.map((name) => ({ name })));
    expect(ninjs.language).toBe('en');
    expect(ninjs.pubstatus).toBe('withheld');
    expect(ninjs.firstcreated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(ninjs.versioncreated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(ninjs.subjects).toEqual([
      { name: seed.section, rel: 'section' },
      ...seed.tags.map((name) => ({ name, rel: 'keyword' })),
    ]);
    expect(ninjs.slugline).toBe(seed.slug);
    expect(ninjs.located).toBe(seed.dateline);

    const [body] = ninjs.bodies;
    expect(body.contenttype).toBe('application/xhtml+xml');
    expect(body.value).toContain(`<h2>${seed.subhead}</h2>`);
    expect(body.value).toContain(`<figure data-assoc-ref="image-1"><img src="lede-media://${SEED_PICTURE}/original" alt="${seed.figure.alt}"/>`);
    expect(body.value).toContain(`<figcaption>${seed.figure.caption} <span class="credit">${seed.figure.credit}</span></figcaption>`);
    expect(body.value).toContain(seed.paragraphs.at(-1));
    expect(body.wordcount).toBeGreaterThan(300);

    const picture = ninjs.associations.find((a: Ninjs) => a.type === 'picture');
    expect(picture).toMatchObject({
      name: 'image-1',
      uri: `lede-media://${SEED_PICTURE}`,
      by: seed.figure.credit,
      headlines: [{ role: 'main', value: 'The Solvind at Varholm quay' }],
      descriptions: [
        { role: 'caption', contenttype: 'text/plain', value: seed.figure.caption },
        { role: 'alternative', contenttype: 'text/plain', value: seed.figure.alt },
      ],
    });
    expect(picture.renditions[0]).toEqual({
      name: 'original',
      href: `lede-media://${SEED_PICTURE}/original`,
      contenttype: 'image/jpeg',
      width: 1920,
      height: 1080,
      sizeinbytes: 345_678,
    });
    expect(picture.renditions.map((r: Ninjs) => r.name)).toEqual(['original', 'preview', 'thumbnail']);
    const video = ninjs.associations.find((a: Ninjs) => a.type === 'video');
    expect(video).toMatchObject({ uri: SEED_VIDEO_SOURCE, headlines: [{ role: 'main', value: seed.video.title }] });
    expect(video.renditions[0]).toEqual({ name: 'source', href: SEED_VIDEO_SOURCE, duration: seed.video.duration });
  });

  it('maps status to pubstatus: published → usable, spiked → canceled', async () => {
    for (const to of ['in_edit', 'ready', 'published'] as const) await client.call('article.setStatus', { id: seedId, to });
    expect((await exportNinjs(seedId)).pubstatus).toBe('usable');
    await client.call('article.setStatus', { id: seedId, to: 'spiked' });
    expect((await exportNinjs(seedId)).pubstatus).toBe('canceled');
    await client.call('article.setStatus', { id: seedId, to: 'draft' });
    expect((await exportNinjs(seedId)).pubstatus).toBe('withheld');
  });
});

describe('ninjs import', () => {
  it('export → import → export is stable apart from uri, dates and status', async () => {
    for (const to of ['in_edit', 'ready', 'published'] as const) await client.call('article.setStatus', { id: seedId, to });
    const first = await exportNinjs(seedId);
    const imported = await importNinjs(first);
    expect(imported.format).toBe('ninjs');
    const second = await exportNinjs(imported.id);
    const strip = ({ uri: _uri, firstcreated: _c, versioncreated: _v, pubstatus: _p, ...rest }: Ninjs) => rest;
    expect(second.uri).not.toBe(first.uri);
    expect(second.pubstatus).toBe('withheld');
    expect(strip(second)).toEqual(strip(first));
    await client.call('article.setStatus', { id: seedId, to: 'draft' });
  });

  const examples = fs.readdirSync(path.join(standardsDir(), 'ninjs')).filter((file) => file.startsWith('example') && file.endsWith('.json'));

  it.each(examples)('imports the schema example %s, its richest body winning', async (file) => {
    const document = JSON.parse(fs.readFileSync(path.join(standardsDir(), 'ninjs', file), 'utf8')) as Ninjs;
    if (!document.bodies?.length) return;
    const { id, format } = await importNinjs(document, file);
    expect(format).toBe('ninjs');
    const ninjs = await exportNinjs(id);
    expect(validate(ninjs), JSON.stringify(validate.errors)).toBe(true);
    const headline = document.headlines.find((h: Ninjs) => h.role === 'main' || h.role === 'simple')?.value;
    expect(ninjs.headlines[0].value).toBe(headline);
    const body: string = ninjs.bodies[0].value;
    const html = document.bodies.find((b: Ninjs) => /html/.test(b.contenttype ?? ''));
    if (html) {
      // The rich body won: its paragraphs are paragraphs, its links links, its quotes quotes.
      expect(body.match(/<p>/g)?.length).toBeGreaterThanOrEqual((html.value.match(/<p>/g) ?? []).length);
      if (html.value.includes('<a href')) expect(body).toContain('<a href="https://www.sydostran.se/');
      if (html.value.includes('<blockquote>')) expect(body).toContain('<blockquote>');
      if (html.value.includes('<figure>')) expect(body).toMatch(/<figure><img alt="En stor internationell/);
    } else {
      expect(body).toContain(document.bodies[0].value.slice(0, 20));
    }
    if (document.language) expect(ninjs.language).toBe(document.language);
    if (document.by) expect(ninjs.by).toBe(document.by);
  });

  it('splits a plain "by" statement into bylines', async () => {
    const example = JSON.parse(fs.readFileSync(path.join(standardsDir(), 'ninjs', 'example-004_simple_text_article.json'), 'utf8'));
    const { id } = await importNinjs(example);
    const ninjs = await exportNinjs(id);
    expect(ninjs.people).toEqual([
      { name: 'Paulo Santalucia', rel: 'author' },
      { name: "Frances d'Emilio", rel: 'author' },
    ]);
  });

  it('refuses a document that fails the schema, and creates nothing', async () => {
    const before = (await client.call('library.list', {})).total;
    const result = await client.session.invoke('article.importFile', {
      name: 'broken.json',
      bytes: bytesToBase64(new TextEncoder().encode(JSON.stringify({ uri: 'not a uri', headlines: [{ role: 'main' }], pubstatus: 'maybe' }))),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'unsupported_file' } });
    if (!result.ok) expect(result.error.message).toMatch(/not a valid ninjs 2\.2 document: .*headlines\/0.*value/);
    const notJson = await client.session.invoke('article.importFile', { name: 'story.json', bytes: bytesToBase64(new TextEncoder().encode('{"uri": ')) });
    expect(notJson).toMatchObject({ ok: false, error: { code: 'unsupported_file' } });
    expect((await client.call('library.list', {})).total).toBe(before);
  });
});
