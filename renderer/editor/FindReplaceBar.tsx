import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { INTERFACE_DIR } from '../ui/InterfaceText';
import { getFindReplaceState } from './find-replace';

export interface FindReplaceBarProps {
  editor: Editor;
  /** Changes each time Mod-f is pressed, so the Find box takes focus again. */
  focusRequest: number;
  /** Hides the bar; focus goes back to the story. */
  onClose(): void;
}

/** Words a person selected before pressing Mod-f: a natural first search. */
function selectedWords(editor: Editor): string {
  const { from, to, empty } = editor.state.selection;
  if (empty) return '';
  const text = editor.state.doc.textBetween(from, to, '\n');
  return text.length <= 100 && !text.includes('\n') ? text : '';
}

function matchSummary(count: number, current: number, term: string): string {
  if (term === '') return '';
  if (count === 0) return 'No matches';
  return `${current + 1} of ${count}`;
}

export function FindReplaceBar({ editor, focusRequest, onClose }: FindReplaceBarProps) {
  const id = useId();
  const findRef = useRef<HTMLInputElement>(null);
  const [term, setTerm] = useState(() => selectedWords(editor) || getFindReplaceState(editor.state).searchTerm);
  const [replacement, setReplacement] = useState(() => getFindReplaceState(editor.state).replaceTerm);
  const [caseSensitive, setCaseSensitive] = useState(() => getFindReplaceState(editor.state).caseSensitive);
  const { count, current } = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      const state = getFindReplaceState(current.state);
      return { count: state.matches.length, current: state.currentIndex };
    },
  });
  const readOnly = !editor.isEditable;

  useEffect(() => {
    findRef.current?.focus();
    findRef.current?.select();
  }, [focusRequest]);

  // The search runs while the bar is open, and its highlights go when it closes.
  useEffect(() => {
    editor.commands.setSearchTerm(term);
  }, [editor, term]);
  useEffect(() => () => void (editor.isDestroyed || editor.commands.setSearchTerm('')), [editor]);
  useEffect(() => {
    editor.commands.setReplaceTerm(replacement);
  }, [editor, replacement]);
  useEffect(() => {
    editor.commands.setCaseSensitive(caseSensitive);
  }, [editor, caseSensitive]);

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const onBarKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      findRef.current?.focus();
      findRef.current?.select();
    }
  };
  const onFindKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (event.shiftKey) editor.commands.previousMatch();
    else editor.commands.nextMatch();
  };
  // Replacing the last match disables the buttons, which would drop focus to
  // the page (and Escape with it): keep the keyboard in the bar.
  const replaceFromButton = (all: boolean) => {
    if (all) editor.commands.replaceAll();
    else editor.commands.replaceCurrent();
    if (getFindReplaceState(editor.state).matches.length === 0) findRef.current?.focus();
  };
  const onReplaceKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    editor.commands.replaceCurrent();
  };

  const summary = matchSummary(count, current, term);
  return (
    <div className="find-bar" role="search" aria-label="Find and replace" dir={INTERFACE_DIR} onKeyDown={onBarKeyDown}>
      <div className="find-bar-row">
        <label className="find-bar-label" htmlFor={`${id}-find`}>
          Find
        </label>
        <input
          ref={findRef}
          id={`${id}-find`}
          className="find-bar-input"
          // What is searched for is the story's text, in its own direction.
          dir="auto"
          type="search"
          value={term}
          spellCheck={false}
          aria-describedby={`${id}-count`}
          onChange={(event) => setTerm(event.target.value)}
          onKeyDown={onFindKeyDown}
        />
        <span id={`${id}-count`} className="find-bar-count" role="status" aria-live="polite">
          {summary}
        </span>
        <button type="button" title="Previous match (Shift+Enter)" disabled={count === 0} onClick={() => editor.commands.previousMatch()}>
          Previous
        </button>
        <button type="button" title="Next match (Enter)" disabled={count === 0} onClick={() => editor.commands.nextMatch()}>
          Next
        </button>
        <label className="find-bar-check">
          <input type="checkbox" checked={caseSensitive} onChange={(event) => setCaseSensitive(event.target.checked)} />
          Match case
        </label>
        <button type="button" className="find-bar-close" aria-label="Close find and replace" title="Close (Escape)" onClick={close}>
          ×
        </button>
      </div>
      {readOnly ? null : (
        <div className="find-bar-row">
          <label className="find-bar-label" htmlFor={`${id}-replace`}>
            Replace
          </label>
          <input
            id={`${id}-replace`}
            className="find-bar-input"
          // What is searched for is the story's text, in its own direction.
          dir="auto"
            type="text"
            value={replacement}
            spellCheck={false}
            onChange={(event) => setReplacement(event.target.value)}
            onKeyDown={onReplaceKeyDown}
          />
          <button type="button" title="Replace this match (Enter)" disabled={count === 0} onClick={() => replaceFromButton(false)}>
            Replace
          </button>
          <button type="button" disabled={count === 0} onClick={() => replaceFromButton(true)}>
            Replace all
          </button>
        </div>
      )}
    </div>
  );
}
