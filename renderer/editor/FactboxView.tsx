import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { AttributeField } from './AttributeField';
import { useEditable } from './use-editable';

/** A boxed aside: a short title field above its own paragraphs and lists. */
export function FactboxView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const readOnly = !useEditable(editor);
  return (
    <NodeViewWrapper className="factbox" data-type="factbox" role="group" aria-label="Factbox">
      <div className="factbox-title" contentEditable={false}>
        <AttributeField
          label="Factbox title"
          value={(node.attrs.title as string) ?? ''}
          placeholder="What we know"
          readOnly={readOnly}
          onChange={(title) => updateAttributes({ title })}
        />
      </div>
      <NodeViewContent className="factbox-content" />
    </NodeViewWrapper>
  );
}
