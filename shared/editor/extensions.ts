import { getSchema, type AnyExtension } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import Heading from '@tiptap/extension-heading';
import Bold from '@tiptap/extension-bold';
import Italic from '@tiptap/extension-italic';
import Underline from '@tiptap/extension-underline';
import Strike from '@tiptap/extension-strike';
import Link from '@tiptap/extension-link';
import { BulletList, OrderedList, ListItem } from '@tiptap/extension-list';
import Blockquote from '@tiptap/extension-blockquote';
import HorizontalRule from '@tiptap/extension-horizontal-rule';
import HardBreak from '@tiptap/extension-hard-break';
import { isSafeLinkHref } from '../links';
import { Factbox, Figure, PullQuote, VideoEmbed } from './nodes';
import { REVIEW_MARKS } from './review-marks';

/**
 * The newsroom schema, defined once. The renderer adds view behaviour
 * (collaboration, cursors, find and replace) on top; core and the sync server
 * build the same ProseMirror schema from this list to derive text and export.
 */
export function newsroomExtensions(): AnyExtension[] {
  return [
    Document,
    Paragraph,
    Text,
    Heading.configure({ levels: [2, 3] }),
    Bold,
    Italic,
    Underline,
    Strike,
    Link.configure({
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      isAllowedUri: (url) => isSafeLinkHref(url),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
    }),
    BulletList,
    OrderedList,
    ListItem,
    // A merge can leave a quote empty; `*` keeps that valid.
    Blockquote.extend({ content: '(paragraph | bulletList | orderedList)*' }),
    PullQuote,
    Figure,
    VideoEmbed,
    Factbox,
    HorizontalRule,
    HardBreak,
    // The review layer (ADR 0072): suggestions, notes and legal flags are marks of the story itself.
    ...REVIEW_MARKS,
  ];
}

let cachedSchema: Schema | null = null;

/** The ProseMirror schema of a story body. */
export function newsroomSchema(): Schema {
  cachedSchema ??= getSchema(newsroomExtensions());
  return cachedSchema;
}

/** Node and mark names, for code that walks documents without a schema at hand. */
export const NODE = {
  paragraph: 'paragraph',
  heading: 'heading',
  bulletList: 'bulletList',
  orderedList: 'orderedList',
  listItem: 'listItem',
  blockquote: 'blockquote',
  pullQuote: 'pullQuote',
  figure: 'figure',
  videoEmbed: 'videoEmbed',
  factbox: 'factbox',
  horizontalRule: 'horizontalRule',
  hardBreak: 'hardBreak',
} as const;
