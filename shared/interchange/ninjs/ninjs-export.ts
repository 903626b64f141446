import type { StorySnapshot } from '../../article-body';
import { publishableStory } from '../../review/publishable';
import type { Status } from '../../model';
import { bodyPlainTextFromJson } from '../body-text';
import { bodyHtml } from '../body-html';
import { PUBLISHED_MEDIA_VARIANTS } from '../../media-variants';
import { mediaHref, type MediaCatalog } from '../media-catalog';
import { NINJS, type NinjsAssociation, type NinjsDocument } from './ninjs-types';
import { countCharacters, countWords } from '../../text-stats';

/**
 * A story as IPTC ninjs 2.2. The mapping (ADR 0030):
 * - headline → headlines[role=main], kicker → headlines[role=kicker], teaser → descriptions[role=teaser];
 * - body → bodies[role=main] as application/xhtml+xml with <figure>/<figcaption>;
 * - bylines → `by` ("Name (Organisation)", joined) and people[rel=<byline role>]; "Edited by" → people[rel=editedby];
 * - sources (agencies) → infosources; section → subjects[rel=section]; tags → subjects[rel=keyword];
 * - slug → slugline; dateline → located; language; created → firstcreated; last change → versioncreated;
 * - status → pubstatus (published → usable, spiked → canceled, otherwise withheld);
 * - each figure with a picture → associations[] (its own caption, credit, alt text, renditions),
 *   each video embed → associations[type=video];
 * - uri: urn:uuid:<story id>.
 */

export interface NinjsExportContext {
  id: string;
  /** ISO 8601: when the story last changed. */
  updatedAt: string;
  catalog: MediaCatalog;
  mediaHrefBase: string;
  /** ISO 8601: the embargo the story carries, as `embargoed` (the sync server's transmissions). */
  embargoed?: string;
  /** A correction note: carried as a description of role `correction`. */
  correction?: string;
}

export function pubstatusFor(status: Status): 'usable' | 'canceled' | 'withheld' {
  return status === 'published' ? 'usable' : status === 'spiked' ? 'canceled' : 'withheld';
}

/** "Richard Connor (DW) and Jane Doe" — organisations in brackets, so an import can read them back. */
export function byStatement(bylines: StorySnapshot['fields']['bylines']): string {
  const names = bylines.filter((b) => b.name.trim()).map((b) => (b.organisation ? `${b.name} (${b.organisation})` : b.name));
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

type JsonNode = { type?: string; attrs?: Record<string, unknown>; content?: JsonNode[] };

function walk(nodes: JsonNode[] | undefined, visit: (node: JsonNode) => void): void {
  for (const node of nodes ?? []) {
    visit(node);
    walk(node.content, visit);
  }
}

function captionText(node: JsonNode): string {
  let text = '';
  walk(node.content, (child) => {
    const c = child as { type?: string; text?: string };
    if (c.type === 'text') text += c.text ?? '';
    else if (c.type === 'hardBreak') text += ' ';
  });
  return text;
}

const RENDITION_NAMES: Record<(typeof PUBLISHED_MEDIA_VARIANTS)[number], string> = { original: 'original', preview: 'preview', thumb: 'thumbnail' };

/** Reads the story as published: pending suggestions, notes and flags never leave Lede (ADR 0072). */
export function storyToNinjs(withReview: StorySnapshot, context: NinjsExportContext): NinjsDocument {
  const story = publishableStory(withReview);
  const { fields } = story;
  const associations: NinjsAssociation[] = [];
  let videoCount = 0;

  walk((story.body.content ?? []) as JsonNode[], (node) => {
    const attrs = node.attrs ?? {};
    if (node.type === 'figure' && typeof attrs.media === 'string' && attrs.media) {
      const sha = attrs.media;
      const name = `image-${associations.filter((a) => a.type === 'picture').length + 1}`;
      associations.push(pictureAssociation(name, sha, node, context));
    } else if (node.type === 'videoEmbed' && isWebAddress(attrs.source)) {
      associations.push(videoAssociation(`video-${++videoCount}`, attrs));
    }
  });

  let pictureOrdinal = 0;
  const body = bodyHtml(story.body, {
    mode: 'interchange',
    imageSrc: (sha) => mediaHref(context.mediaHrefBase, sha, 'original'),
    figureRef: () => `image-${++pictureOrdinal}`,
  });
  const plain = bodyPlainTextFromJson(story.body, { captions: false });

  const document: NinjsDocument = {
    uri: `urn:uuid:${context.id}`,
    standard: NINJS.standard,
    type: 'text',
    representationtype: 'full',
    pubstatus: pubstatusFor(fields.status),
    language: fields.language,
    ...(fields.createdAt ? { firstcreated: fields.createdAt } : {}),
    versioncreated: context.updatedAt,
    ...(context.embargoed ? { embargoed: context.embargoed } : {}),
    ...(fields.slug ? { slugline: fields.slug } : {}),
    ...(fields.dateline ? { located: fields.dateline } : {}),
    headlines: [
      ...(fields.headline ? [{ role: 'main', contenttype: 'text/plain', value: fields.headline }] : []),
      ...(fields.kicker ? [{ role: 'kicker', contenttype: 'text/plain', value: fields.kicker }] : []),
    ],
    ...(fields.teaser || context.correction
      ? {
          descriptions: [
            ...(fields.teaser ? [{ role: 'teaser', contenttype: 'text/plain', value: fields.teaser }] : []),
            ...(context.correction ? [{ role: 'correction', contenttype: 'text/plain', value: context.correction }] : []),
          ],
        }
      : {}),
    ...(fields.bylines.length ? { by: byStatement(fields.bylines) } : {}),
    people: [
      ...fields.bylines.filter((b) => b.name.trim()).map((b) => ({ name: b.name, rel: b.role })),
      ...fields.editedBy.map((credit) => ({ name: credit.name, rel: 'editedby' })),
    ],
    infosources: fields.sources.map((name) => ({ name })),
    subjects: [...(fields.section ? [{ name: fields.section, rel: 'section' }] : []), ...fields.tags.map((name) => ({ name, rel: 'keyword' }))],
    bodies: [{ role: 'main', contenttype: 'application/xhtml+xml', value: body, charcount: countCharacters(plain), wordcount: countWords(plain) }],
    associations,
  };
  // Empty lists say nothing; leave them out rather than send [].
  for (const key of ['headlines', 'people', 'infosources', 'subjects', 'associations'] as const) {
    if (document[key]?.length === 0) delete document[key];
  }
  return document;
}

function pictureAssociation(name: string, sha: string, node: JsonNode, context: NinjsExportContext): NinjsAssociation {
  const attrs = node.attrs ?? {};
  const known = context.catalog.describe(sha);
  const caption = captionText(node).trim();
  const alt = String(attrs.alt ?? '').trim();
  const credit = String(attrs.credit ?? '').trim();
  const renditions = PUBLISHED_MEDIA_VARIANTS.map((variant) => ({
    name: RENDITION_NAMES[variant],
    href: mediaHref(context.mediaHrefBase, sha, variant),
    ...(variant === 'original' && known
      ? { contenttype: known.mimeType, width: known.width, height: known.height, sizeinbytes: known.byteSize }
      : {}),
  }));
  const descriptions = [
    ...(caption ? [{ role: 'caption', contenttype: 'text/plain', value: caption }] : []),
    ...(alt ? [{ role: 'alternative', contenttype: 'text/plain', value: alt }] : []),
  ];
  return {
    name,
    uri: `lede-media://${sha}`,
    type: 'picture',
    ...(known?.headline ? { headlines: [{ role: 'main', value: known.headline }] } : {}),
    ...(descriptions.length ? { descriptions } : {}),
    ...(credit ? { by: credit } : {}),
    ...(known?.creators?.length ? { people: known.creators.map((creator) => ({ name: creator, rel: 'creator' })) } : {}),
    renditions,
  };
}

function isWebAddress(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/\S+$/i.test(value);
}

/** A video embed whose source is a web address; the body carries the rest (and videos without one). */
function videoAssociation(name: string, attrs: Record<string, unknown>): NinjsAssociation {
  const source = String(attrs.source);
  const title = String(attrs.title ?? '');
  const duration = typeof attrs.duration === 'number' && attrs.duration > 0 ? attrs.duration : undefined;
  const poster = isWebAddress(attrs.poster) ? attrs.poster : undefined;
  return {
    name,
    uri: source,
    type: 'video',
    ...(title ? { headlines: [{ role: 'main', value: title }] } : {}),
    renditions: [{ name: 'source', href: source, ...(duration ? { duration } : {}) }, ...(poster ? [{ name: 'poster', href: poster }] : [])],
  };
}
