import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useRef, useState } from 'react';
import { isWebUrl } from '../../shared/html-clean/lede-blocks';
import { useEditable } from './use-editable';
import { formatDuration } from '../../shared/video-duration';
import { InterfaceText, INTERFACE_DIR } from '../ui/InterfaceText';
import { VideoEmbedForm, type VideoEmbedAttrs } from './VideoEmbedForm';

function sourceLabel(source: string): string {
  try {
    return new URL(source).host;
  } catch {
    return source;
  }
}

/** A video in the story, shown as a card (title, running time, source) and edited through its form. */
export function VideoEmbedView({ node, updateAttributes, deleteNode, editor, selected }: ReactNodeViewProps) {
  const readOnly = !useEditable(editor);
  const [editing, setEditing] = useState(false);
  // A poster that cannot load (offline, moved) leaves the plain dark frame, not a broken-image icon.
  const [posterFailed, setPosterFailed] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const closeForm = () => {
    setEditing(false);
    // The form's controls disappear; keyboard focus goes back to the button that opened it.
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const attrs = node.attrs as VideoEmbedAttrs;
  const duration = formatDuration(attrs.duration);
  const title = attrs.title || 'Untitled video';
  return (
    <NodeViewWrapper
      className={['video-card', selected ? 'is-selected' : ''].filter(Boolean).join(' ')}
      role="group"
      aria-label={`Video: ${title}`}
      data-drag-handle=""
    >
      <div className="video-card-body" contentEditable={false}>
        <div className="video-card-poster" aria-hidden="true">
          {attrs.poster && isWebUrl(attrs.poster) && posterFailed !== attrs.poster ? (
            <img src={attrs.poster} alt="" draggable={false} onError={() => setPosterFailed(attrs.poster)} />
          ) : null}
          <span className="video-card-play">▶</span>
        </div>
        <div className="video-card-text">
          <InterfaceText className="video-card-label">Video</InterfaceText>
          <strong className="video-card-title">{title}</strong>
          {duration ? (
            <span className="video-card-duration" aria-label={`Duration ${duration}`}>
              {duration}
            </span>
          ) : null}
          {attrs.source ? (
            <span className="video-card-source" title={attrs.source}>
              {sourceLabel(attrs.source)}
            </span>
          ) : (
            <InterfaceText className="video-card-source video-card-missing">No source yet</InterfaceText>
          )}
        </div>
        {readOnly ? null : (
          <div className="video-card-actions" dir={INTERFACE_DIR}>
            <button ref={editButton} type="button" onClick={() => setEditing(true)} aria-expanded={editing}>
              Edit video
            </button>
            <button type="button" onClick={() => deleteNode()} aria-label={`Remove video ${title}`}>
              Remove
            </button>
          </div>
        )}
      </div>
      {editing && !readOnly ? (
        <div className="video-card-form" contentEditable={false}>
          <VideoEmbedForm
            initial={attrs}
            submitLabel="Save video"
            onSubmit={(next) => {
              updateAttributes(next);
              closeForm();
            }}
            onCancel={closeForm}
          />
        </div>
      ) : null}
    </NodeViewWrapper>
  );
}
