import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { readMediaFields } from '../../../shared/media-doc';
import { mediaDocName } from '../../../shared/documents/media-kind';
import type { MediaFields } from '../../../shared/media-fields';
import { connect, openTestCore, type TestClient } from '../../helpers/core';
import { fixturePath } from '../../helpers/fixtures';
import { importAndWait } from '../../helpers/media';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * A caption template applied to several photos through the real core (SQLite,
 * Yjs documents): "empty fields only" keeps an agency's caption and credit,
 * and undo takes the whole application back in one step without undoing
 * what someone changed after it (ADR 0062).
 */
const sha256 = (name: string) => createHash('sha256').update(fs.readFileSync(fixturePath('images', name))).digest('hex');
const AGENCY = sha256('exif.JPG'); // caption, credit "Daniel Chesterton/phcimages.com", city Wigan, no alt text
const BARE = sha256('nometa.jpg'); // no metadata at all

let core: Core;
let client: TestClient;
let agencyBefore: MediaFields;

const fieldsOf = async (sha: string) => (await client.call('media.get', { sha256s: [sha] })).items[0]!.fields as MediaFields;
/** What the photo's Yjs document holds, read from what is stored (not the derived row). */
const storedFields = (sha: string) => readMediaFields(core.internals.docs.load(mediaDocName(sha))!);
const template = (sha: string) => ({ sha256: sha, fields: { caption: 'Fans at the DW Stadium', credit: 'Lede Photo', altText: 'A crowd in a stand' } });

beforeAll(async () => {
  core = openTestCore();
  client = connect(core);
  await importAndWait(core, client, [fixturePath('images', 'exif.JPG'), fixturePath('images', 'nometa.jpg')]);
  agencyBefore = await fieldsOf(AGENCY);
  expect(agencyBefore.caption).toMatch(/^DECEMBER 06: Wigan Athletic/);
  expect(agencyBefore.credit).toBe('Daniel Chesterton/phcimages.com');
  expect(agencyBefore.altText).toBe('');
});

afterAll(async () => {
  await core.close();
});

describe('applying a template', () => {
  it('“empty fields only” leaves the agency’s caption and credit and fills the empty fields; undo empties them again', async () => {
    const applied = await client.call('media.applyTemplate', { changes: [template(AGENCY), template(BARE)], mode: 'empty' });
    expect(applied).toMatchObject({ applicationId: expect.any(String), changed: [AGENCY, BARE], kept: 2 });
    expect(await fieldsOf(AGENCY)).toEqual({ ...agencyBefore, altText: 'A crowd in a stand' });
    expect(await fieldsOf(BARE)).toMatchObject({ caption: 'Fans at the DW Stadium', credit: 'Lede Photo', altText: 'A crowd in a stand' });

    const undone = await client.call('media.undoTemplate', { applicationId: applied.applicationId! });
    expect(undone).toEqual({ restored: [AGENCY, BARE], skipped: [] });
    expect(await fieldsOf(AGENCY)).toEqual(agencyBefore);
    expect(storedFields(AGENCY)).toEqual(agencyBefore);
    expect(storedFields(BARE)).toMatchObject({ caption: '', credit: '', altText: '' });
  });

  it('“replace” overwrites; undo brings the agency’s text back but leaves a field someone changed afterwards', async () => {
    const applied = await client.call('media.applyTemplate', { changes: [template(AGENCY), template(BARE)], mode: 'replace' });
    expect(applied.kept).toBe(0);
    expect(await fieldsOf(AGENCY)).toMatchObject({ caption: 'Fans at the DW Stadium', credit: 'Lede Photo' });
    // A colleague fixes the caption after the template.
    await client.call('media.update', { changes: [{ sha256: AGENCY, fields: { caption: 'Fans at the DW Stadium, Wigan' } }] });

    const undone = await client.call('media.undoTemplate', { applicationId: applied.applicationId! });
    expect(undone.skipped).toEqual([{ sha256: AGENCY, field: 'caption' }]);
    expect(undone.restored.sort()).toEqual([AGENCY, BARE].sort());
    expect(storedFields(AGENCY)).toEqual({ ...agencyBefore, caption: 'Fans at the DW Stadium, Wigan' });
    expect(storedFields(BARE)).toMatchObject({ caption: '', credit: '', altText: '' });
    // Put the agency's caption back for the next test.
    await client.call('media.update', { changes: [{ sha256: AGENCY, fields: { caption: agencyBefore.caption } }] });
  });

  it('decides “empty” against the photo as it is when applied, not as the preview saw it', async () => {
    await client.call('media.update', { changes: [{ sha256: BARE, fields: { credit: 'Arrived meanwhile' } }] });
    const applied = await client.call('media.applyTemplate', { changes: [template(BARE)], mode: 'empty' });
    expect(applied.kept).toBe(1);
    expect(await fieldsOf(BARE)).toMatchObject({ caption: 'Fans at the DW Stadium', credit: 'Arrived meanwhile' });
    await client.call('media.undoTemplate', { applicationId: applied.applicationId! });
    expect(await fieldsOf(BARE)).toMatchObject({ caption: '', credit: 'Arrived meanwhile', altText: '' });
    await client.call('media.update', { changes: [{ sha256: BARE, fields: { credit: '' } }] });
  });

  it('a template that changes nothing has nothing to undo; an application is undone once only', async () => {
    const nothing = await client.call('media.applyTemplate', { changes: [{ sha256: AGENCY, fields: { credit: 'Someone else' } }], mode: 'empty' });
    expect(nothing).toEqual({ applicationId: null, changed: [], kept: 1 });

    const applied = await client.call('media.applyTemplate', { changes: [{ sha256: BARE, fields: { keywords: ['fans', 'stadium'] } }], mode: 'empty' });
    await client.call('media.undoTemplate', { applicationId: applied.applicationId! });
    const again = await client.session.invoke('media.undoTemplate', { applicationId: applied.applicationId! });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('can no longer be undone') } });
    expect((await fieldsOf(BARE)).keywords).toEqual([]);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const unknown = 'f'.repeat(64);
    const refused = await client.session.invoke('media.applyTemplate', { changes: [template(BARE), template(unknown)], mode: 'empty' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await fieldsOf(BARE)).caption).toBe('');
    const badMode = await client.session.invoke('media.applyTemplate', { changes: [template(BARE)], mode: 'overwrite' } as never);
    expect(badMode).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const noChanges = await client.session.invoke('media.applyTemplate', { changes: [], mode: 'empty' });
    expect(noChanges).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});

describe('the template mode is remembered in the photo desk settings', () => {
  it('starts as “empty fields only”, and a choice survives a restart without touching templates or codes', async () => {
    const dataDir = makeTempDir();
    const first = openTestCore({ dataDir });
    const one = connect(first);
    expect(await one.call('photoDesk.get', {})).toEqual({ templates: [], codes: [], templateMode: 'empty' });
    await one.call('photoDesk.set', { codes: [{ code: 'afp', text: 'AFP/Getty Images' }] });
    expect((await one.call('photoDesk.set', { templateMode: 'replace' })).templateMode).toBe('replace');
    await first.close();

    const second = openTestCore({ dataDir });
    try {
      expect(await connect(second).call('photoDesk.get', {})).toEqual({ templates: [], codes: [{ code: 'afp', text: 'AFP/Getty Images' }], templateMode: 'replace' });
    } finally {
      await second.close();
    }
  });
});
