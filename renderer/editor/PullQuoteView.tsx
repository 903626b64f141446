import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { AttributeField } from './AttributeField';
import { useEditable } from './use-editable';

/** A pull quote: the quote is editable story text, the attribution a plain field beside it. */
export function PullQuoteView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const readOnly = !useEditable(editor);
  return (
    <NodeViewWrapper className="pull-quote" data-type="pull-quote" role="group" aria-label="Pull quote">
      <NodeViewContent<'p'> as="p" className="pull-quote-text" aria-label="Pull quote text" />
      <div className="pull-quote-attribution" contentEditable={false}>
        <AttributeField
          label="Attribution"
          value={(node.attrs.attribution as string) ?? ''}
          placeholder="Who said it"
          readOnly={readOnly}
          onChange={(attribution) => updateAttributes({ attribution })}
        />
      </div>
    </NodeViewWrapper>
  );
}
