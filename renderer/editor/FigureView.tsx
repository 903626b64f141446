import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { showToast } from '../ui/toast-store';
import { InterfaceText, INTERFACE_DIR } from '../ui/InterfaceText';
import { AttributeField } from './AttributeField';
import { fetchAsset, figureTexts, photoTexts, refreshFigure, setFigurePhoto, setLeadFigure, type PhotoAsset } from './figure-insert';
import { fieldsToAsk, figureTextSources, type FigureTextField, type FigureTextSource } from './figure-photo-choice';
import { FigurePhotoChoiceDialog } from './FigurePhotoChoiceDialog';
import { mediaUrl } from './media-url';
import { PhotoPickerDialog } from './PhotoPickerDialog';
import { useEditable } from './use-editable';

/**
 * A picture in the story. The caption is story text (so two people can edit
 * it at once); credit and alt text are fields. They start from the photo's
 * metadata and then belong to the story: "Update from photo" brings the
 * photo's current values back, only when asked. One figure can be the lead.
 * Choosing a photo for a figure with text of its own (an imported one) asks
 * which text to keep where the two differ.
 */
export function FigureView({ node, updateAttributes, editor, getPos }: ReactNodeViewProps) {
  const readOnly = !useEditable(editor);
  const [choosing, setChoosing] = useState(false);
  // The chosen photo while the person decides which text to keep.
  const [asking, setAsking] = useState<PhotoAsset | null>(null);
  const media = node.attrs.media as string | null;
  const alt = (node.attrs.alt as string) ?? '';
  const lead = Boolean(node.attrs.lead);
  const src = media ? mediaUrl(media, 'preview') : null;
  const position = () => (typeof getPos === 'function' ? getPos() : undefined);

  const updateFromPhoto = async () => {
    if (!media) return;
    const asset = await fetchAsset(media);
    const pos = position();
    if (!asset || pos === undefined) {
      showToast({ message: 'This photo is no longer in the library.', tone: 'error' });
      return;
    }
    refreshFigure(editor, pos, asset);
  };

  /** Sets the chosen photo, taking its text where the figure has none and, where both differ, as the person chose. */
  const takePhoto = (asset: PhotoAsset, choices?: Partial<Record<FigureTextField, FigureTextSource>>) => {
    const pos = position();
    if (pos === undefined) return;
    const sources = figureTextSources(figureTexts(node), photoTexts(asset), choices);
    setFigurePhoto(editor, pos, asset, sources);
  };

  const choosePhoto = (asset: PhotoAsset) => {
    setChoosing(false);
    if (fieldsToAsk(figureTexts(node), photoTexts(asset)).length > 0) setAsking(asset);
    else takePhoto(asset);
  };

  return (
    <NodeViewWrapper as="figure" className={`story-figure ${lead ? 'is-lead' : ''}`} role="group" aria-label={lead ? 'Lead image' : 'Figure'} data-lead={lead || undefined}>
      <div className="story-figure-media" contentEditable={false}>
        {src ? (
          <img className="story-figure-image" src={src} alt={alt} draggable={false} />
        ) : (
          <div className="story-figure-placeholder" role="img" aria-label="No image chosen yet">
            <InterfaceText>No image yet — choose one from the photo desk</InterfaceText>
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
        {!readOnly && (
          <div className="story-figure-actions" dir={INTERFACE_DIR}>
            <label className="story-figure-lead">
              <input
                type="checkbox"
                checked={lead}
                onChange={(event) => {
                  const pos = position();
                  if (pos !== undefined) setLeadFigure(editor, pos, event.target.checked);
                }}
              />
              Lead image
            </label>
            {media ? (
              <button type="button" className="button button-small" onClick={() => void updateFromPhoto()} title="Replace caption, credit and alt text with the photo's current metadata">
                Update from photo
              </button>
            ) : (
              <button type="button" className="button button-small" onClick={() => setChoosing(true)}>
                Choose photo…
              </button>
            )}
          </div>
        )}
      </div>
      {/* Portalled out of the story text: inside it, the dialogs would take the story's type and sit in its editable content. */}
      {choosing && createPortal(<PhotoPickerDialog onClose={() => setChoosing(false)} onInsert={choosePhoto} />, document.body)}
      {asking &&
        createPortal(
          <FigurePhotoChoiceDialog
            figure={figureTexts(node)}
            photo={photoTexts(asking)}
            onCancel={() => setAsking(null)}
            onChoose={(choices) => {
              const asset = asking;
              setAsking(null);
              takePhoto(asset, choices);
            }}
          />,
          document.body,
        )}
    </NodeViewWrapper>
  );
}
