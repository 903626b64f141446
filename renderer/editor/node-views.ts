import type { AnyExtension } from '@tiptap/core';
import { ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import type { ComponentType } from 'react';
import { FactboxView } from './FactboxView';
import { FigureView } from './FigureView';
import { PullQuoteView } from './PullQuoteView';
import { VideoEmbedView } from './VideoEmbedView';

/** Blocks whose attributes need their own controls in the editor. */
const NODE_VIEWS: Record<string, ComponentType<ReactNodeViewProps>> = {
  pullQuote: PullQuoteView,
  factbox: FactboxView,
  figure: FigureView,
  videoEmbed: VideoEmbedView,
};

/**
 * The shared schema extensions with React views attached. Only the view
 * changes; the schema (names, attributes, parse and render rules) stays the
 * one core and the sync server use.
 */
export function withNodeViews(extensions: AnyExtension[]): AnyExtension[] {
  return extensions.map((extension) => {
    const view = NODE_VIEWS[extension.name];
    if (!view || extension.type !== 'node') return extension;
    return extension.extend({
      addNodeView() {
        return ReactNodeViewRenderer(view);
      },
    });
  });
}
