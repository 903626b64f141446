import { Node, mergeAttributes } from '@tiptap/core';

/**
 * The newsroom's own block nodes. Content expressions use `*`, not `+`: when
 * two people's edits merge, a node may end up empty, and an empty node must
 * still be valid rather than be dropped.
 */

/** A highlighted quote lifted from the story, with an optional attribution. */
export const PullQuote = Node.create({
  name: 'pullQuote',
  group: 'block',
  content: 'inline*',
  defining: true,
  addAttributes() {
    return {
      attribution: {
        default: '',
        parseHTML: (element) => element.querySelector('cite')?.textContent ?? '',
        renderHTML: () => ({}),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'aside[data-type="pull-quote"]', contentElement: 'p', priority: 60 }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const quote = ['p', 0] as const;
    const attribution = node.attrs.attribution as string;
    return attribution
      ? ['aside', mergeAttributes(HTMLAttributes, { 'data-type': 'pull-quote' }), quote, ['cite', attribution]]
      : ['aside', mergeAttributes(HTMLAttributes, { 'data-type': 'pull-quote' }), quote];
  },
});

/**
 * A picture in the story. The caption is the node's content (rich text that
 * merges character by character); credit and alt text are short attributes.
 * `media` is the sha256 of the asset in the media library, or null.
 */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  content: 'inline*',
  marks: 'bold italic underline strike link',
  draggable: true,
  isolating: true,
  addAttributes() {
    return {
      media: {
        default: null,
        // Written even when empty, so a figure whose picture is not chosen yet survives copy and paste.
        parseHTML: (element) => element.getAttribute('data-media') || null,
        renderHTML: (attrs) => ({ 'data-media': (attrs.media as string | null) ?? '' }),
      },
      credit: {
        default: '',
        parseHTML: (element) => element.getAttribute('data-credit') ?? '',
        renderHTML: (attrs) => (attrs.credit ? { 'data-credit': attrs.credit } : {}),
      },
      alt: {
        default: '',
        parseHTML: (element) => element.querySelector('img')?.getAttribute('alt') ?? '',
        renderHTML: () => ({}),
      },
      // The story's lead (hero) image. Figures stored before this attribute existed read as false.
      lead: {
        default: false,
        parseHTML: (element) => element.getAttribute('data-lead') === 'true',
        renderHTML: (attrs) => (attrs.lead ? { 'data-lead': 'true' } : {}),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'figure[data-media]', contentElement: 'figcaption' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      'figure',
      mergeAttributes(HTMLAttributes),
      ['img', { alt: node.attrs.alt as string, 'data-media': (node.attrs.media as string | null) ?? '' }],
      ['figcaption', 0],
    ];
  },
});

/** A video player in the story: title, duration in seconds, poster image, source URL. */
export const VideoEmbed = Node.create({
  name: 'videoEmbed',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      title: { default: '', parseHTML: (el) => el.getAttribute('data-title') ?? '' },
      duration: {
        default: null,
        parseHTML: (el) => {
          const seconds = Number(el.getAttribute('data-duration'));
          return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
        },
      },
      poster: { default: null, parseHTML: (el) => el.getAttribute('data-poster') },
      source: { default: '', parseHTML: (el) => el.getAttribute('data-source') ?? '' },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-type="video-embed"]' }];
  },
  renderHTML({ node }) {
    const { title, duration, poster, source } = node.attrs as {
      title: string;
      duration: number | null;
      poster: string | null;
      source: string;
    };
    return [
      'div',
      {
        'data-type': 'video-embed',
        'data-title': title,
        'data-source': source,
        ...(duration ? { 'data-duration': String(duration) } : {}),
        ...(poster ? { 'data-poster': poster } : {}),
      },
      ['span', title || 'Video'],
    ];
  },
});

/** A boxed aside ("Fact box", "What we know") with its own title and short content. */
export const Factbox = Node.create({
  name: 'factbox',
  group: 'block',
  content: '(paragraph | heading | bulletList | orderedList)*',
  defining: true,
  addAttributes() {
    return {
      title: {
        default: '',
        parseHTML: (element) => element.getAttribute('data-title') ?? '',
        renderHTML: (attrs) => ({ 'data-title': attrs.title as string }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'aside[data-type="factbox"]', priority: 60 }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['aside', mergeAttributes(HTMLAttributes, { 'data-type': 'factbox' }), 0];
  },
});
