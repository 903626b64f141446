import { randomUUID } from 'node:crypto';
import { LedeError } from '../../../../shared/errors';
import type { DomElement } from '../../../../shared/html-clean/dom';
import { canonicalLanguageTag } from '../../../../shared/language';
import { BYLINE_ROLES, type Byline, type BylineRole } from '../../../../shared/model';
import { escapeText } from '../../../../shared/interchange/body-html';
import { documentToBody } from '../html-import';
import { parseInertHtml } from '../html-to-doc';
import type { ResolvedPicture } from '../import-figures';
import type { ImportedDraft } from '../imported-draft';
import { mediaHashFromHref, type MediaCatalog } from '../../../../shared/interchange/media-catalog';
import type { NinjsAssociation, NinjsBody, NinjsObject, NinjsText } from '../../../../shared/interchange/ninjs/ninjs-types';
import { validateNinjs } from '../../../../shared/interchange/ninjs/validate-ninjs';

/**
 * A ninjs document (2.x, validated against the 2.2 schema) as a new draft —
 * the inverse of ninjs-export.ts (ADR 0030), tolerant of other producers:
 * the richest body wins (XHTML, then HTML, then plain text), headline roles
 * other than Lede's fall back to the first headline, `by` is split into
 * bylines when no people carry byline roles.
 */

const TEASER_ROLES = ['teaser', 'summary', 'abstract', 'standfirst', 'lead', 'text'];
const KICKER_ROLES = ['kicker', 'overline', 'topline', 'strapline'];

export async function ninjsToDraft(json: unknown, name: string, catalog: MediaCatalog): Promise<ImportedDraft> {
  const validation = validateNinjs(json);
  if (!validation.valid) {
    throw new LedeError('unsupported_file', `“${name}” is not a valid ninjs 2.2 document: ${validation.errors.join('; ')}.`);
  }
  const item = json as NinjsObject;
  const headlines = item.headlines ?? [];
  const kicker = byRole(headlines, KICKER_ROLES)?.value ?? '';
  const headline = (headlines.find((h) => h.role === 'main') ?? headlines.find((h) => !KICKER_ROLES.includes(h.role ?? '')))?.value ?? '';
  const teaser = (byRole(item.descriptions ?? [], TEASER_ROLES) ?? item.descriptions?.[0])?.value ?? '';
  const notes: string[] = [];
  const associations = new Map((item.associations ?? []).map((association) => [association.name, association]));
  const html = bodyAsHtml(richestBody(item.bodies ?? []));
  const document = parseInertHtml(html);
  // A body that repeats the headline as its first <h1> (a whole HTML page) does not need it twice.
  const first = document.body.querySelector('h1');
  if (first && (first.textContent ?? '').trim() === headline.trim()) first.remove();
  const body = await documentToBody(document, { catalog, describeFigure: (figure, img) => describeFigure(figure, img, associations) }, notes);
  const people = item.people ?? [];
  return {
    format: 'ninjs',
    seed: {
      headline: plain(headline),
      kicker: plain(kicker),
      teaser: plain(teaser),
      bylines: bylinesOf(item.by ?? '', people),
      editedBy: people.filter((p) => p.rel === 'editedby' && p.name).map((p) => ({ name: p.name! })),
      sources: (item.infosources ?? []).map((source) => source.name ?? '').filter(Boolean),
      section: (item.subjects ?? []).find((subject) => subject.rel === 'section')?.name ?? '',
      tags: (item.subjects ?? []).filter((subject) => subject.rel === 'keyword' && subject.name).map((subject) => subject.name!),
      slug: item.slugline ?? '',
      dateline: item.located ?? '',
      ...(item.language && canonicalLanguageTag(item.language) ? { language: canonicalLanguageTag(item.language)! } : {}),
    },
    body,
    notes,
  };
}

function byRole(texts: NinjsText[], roles: string[]): NinjsText | undefined {
  for (const role of roles) {
    const found = texts.find((text) => (text.role ?? '').toLowerCase() === role);
    if (found) return found;
  }
  return undefined;
}

function plain(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function richness(body: NinjsBody): number {
  const type = (body.contenttype ?? '').toLowerCase();
  if (type.includes('xhtml')) return 3;
  if (type.includes('html')) return 2;
  if (type === '' || type.startsWith('text/plain')) return 1;
  return 0;
}

/** XHTML over HTML over plain text; among equals, the longer. Other formats (NITF, XML) are not read. */
export function richestBody(bodies: NinjsBody[]): NinjsBody | null {
  const readable = bodies.filter((body) => richness(body) > 0);
  readable.sort((a, b) => richness(b) - richness(a) || b.value.length - a.value.length);
  return readable[0] ?? null;
}

function bodyAsHtml(body: NinjsBody | null): string {
  if (!body) return '';
  if (richness(body) > 1) return body.value;
  return body.value
    .replace(/\r\n?/g, '\n')
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escapeText(line)}</p>`)
    .join('');
}

function describeFigure(figure: DomElement | null, img: DomElement, associations: Map<string, NinjsAssociation>): ResolvedPicture | null {
  const ref = figure?.getAttribute('data-assoc-ref') ?? img.getAttribute('data-assoc-ref');
  const association = ref ? associations.get(ref) : undefined;
  const media = mediaHashFromHref(association?.uri ?? img.getAttribute('src'));
  if (!association) return media ? { media } : null;
  const descriptions = association.descriptions ?? [];
  return {
    media,
    credit: association.by ?? '',
    alt: descriptions.find((d) => d.role === 'alternative' || d.role === 'alt')?.value ?? '',
    caption: (descriptions.find((d) => d.role === 'caption') ?? descriptions.find((d) => !d.role))?.value ?? '',
  };
}

const isBylineRole = (value: string | undefined): value is BylineRole => (BYLINE_ROLES as readonly string[]).includes(value ?? '');

/**
 * Bylines from people with a byline role (organisations read back from the
 * `by` statement's brackets), or else from `by` itself: "A, B and C".
 */
function bylinesOf(by: string, people: NinjsObject['people'] & object): Byline[] {
  const statements = by.split(/,\s*|\s+and\s+|\s*&\s*/).map((part) => part.trim()).filter(Boolean);
  const organisationOf = (name: string) => {
    for (const statement of statements) {
      const match = /^(.*)\s+\(([^)]+)\)$/.exec(statement);
      if (match && match[1]!.trim() === name) return match[2]!.trim();
    }
    return undefined;
  };
  const withRoles = people.filter((person) => person.name && isBylineRole(person.rel));
  if (withRoles.length) {
    return withRoles.map((person) => {
      const organisation = organisationOf(person.name!);
      return { id: randomUUID(), name: person.name!, role: person.rel as BylineRole, ...(organisation ? { organisation } : {}) };
    });
  }
  return statements.map((statement) => {
    const match = /^(.*)\s+\(([^)]+)\)$/.exec(statement);
    return match
      ? { id: randomUUID(), name: match[1]!.trim(), role: 'author' as const, organisation: match[2]!.trim() }
      : { id: randomUUID(), name: statement, role: 'author' as const };
  });
}
