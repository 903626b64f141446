import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { AttributeField } from './AttributeField';
import { useEditable } from './use-editable';
import { mediaUrl } from './media-url';

/**
 * A picture in the story. The caption is story text (so two people can edit
 * it at once); credit and alt text are fields. The image itself comes from
 * the media library by hash; until the photo desk picks one, a placeholder shows.
 */
export function FigureView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const readOnly = !useEditable(editor);
  const media = node.attrs.media as string | null;
  const alt = (node.attrs.alt as string) ?? '';
  const src = media ? mediaUrl(media, 'thumb') : null;
  return (
    <NodeViewWrapper as="figure" className="story-figure" role="group" aria-label="Figure">
      <div className="story-figure-media" contentEditable={false}>
        {src ? (
          <img className="story-figure-image" src={src} alt={alt} draggable={false} />
        ) : (
          <div className="story-figure-placeholder" role="img" aria-label="No image chosen yet">
            No image yet — choose one from the photo desk
          </div>
        )}
      </div>
      <NodeViewContent<'figcaption'> as="figcaption" className="story-figure-caption" aria-label="Caption" />
      <div className="story-figure-fields" contentEditable={false}>
        <AttributeField
          label="Credit"
          value={(node.attrs.credit as string) ?? ''}
          placeholder="Photographer/Agency"
          readOnly={readOnly}
          onChange={(credit) => updateAttributes({ credit })}
        />
        <AttributeField
          label="Alt text"
          value={alt}
          placeholder="What the picture shows, for people who cannot see it"
          readOnly={readOnly}
          hint={alt.trim() === '' ? 'Alt text is missing.' : undefined}
          className={alt.trim() === '' ? 'node-field-warn' : undefined}
          onChange={(value) => updateAttributes({ alt: value })}
        />
      </div>
    </NodeViewWrapper>
  );
}
