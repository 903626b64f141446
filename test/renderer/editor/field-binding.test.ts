import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindInputToText, mapIndexThroughDelta, toSingleLine } from '../../../renderer/editor/text-binding';

const REMOTE = 'remote';
const disposers: Array<() => void> = [];

interface Peer {
  doc: Y.Doc;
  text: Y.Text;
  input: HTMLInputElement;
  origin: object;
}

function makePeer(initial = ''): Peer {
  const doc = new Y.Doc();
  const text = doc.getText('headline');
  if (initial) text.insert(0, initial);
  const input = document.createElement('input');
  document.body.append(input);
  const origin = { field: 'headline' };
  disposers.push(bindInputToText(input, text, origin));
  disposers.push(() => input.remove());
  return { doc, text, input, origin };
}

/** A second copy of the same story, as another person's machine holds it. */
function makeRemote(of: Peer): Y.Doc {
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(of.doc));
  return remote;
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), REMOTE);
}

/** Types the way a browser does: the value changes, the caret moves, an input event fires. */
function typeAt(input: HTMLInputElement, position: number, inserted: string, removed = 0): void {
  input.value = input.value.slice(0, position) + inserted + input.value.slice(position + removed);
  input.setSelectionRange(position + inserted.length, position + inserted.length);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function press(input: HTMLInputElement, key: string, modifiers: { ctrlKey?: boolean; shiftKey?: boolean } = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...modifiers });
  input.dispatchEvent(event);
  return event;
}

afterEach(() => {
  while (disposers.length > 0) disposers.pop()!();
});

describe('local typing', () => {
  it('shows the shared text and writes the smallest change with the local origin', () => {
    const peer = makePeer("Syria's leader visits Moscow");
    expect(peer.input.value).toBe("Syria's leader visits Moscow");
    const origins: unknown[] = [];
    peer.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.changed.size > 0) origins.push(transaction.origin);
    });
    const changes: unknown[] = [];
    // event.changes, not event.delta: reading a Y.Text delta runs a transaction of its own.
    peer.text.observe((event) => changes.push(event.changes.delta));
    typeAt(peer.input, 8, 'new ');
    expect(peer.text.toString()).toBe("Syria's new leader visits Moscow");
    expect(origins).toEqual([peer.origin]);
    expect(changes).toEqual([[{ retain: 8 }, { insert: 'new ' }]]);
  });
});

describe('remote changes', () => {
  it('keeps the caret after the same character when a colleague inserts before it', () => {
    const peer = makePeer();
    typeAt(peer.input, 0, 'Putin meets Sharaa');
    peer.input.setSelectionRange(6, 6); // after "Putin "
    const remote = makeRemote(peer);
    remote.getText('headline').insert(0, 'Live: ');
    sync(remote, peer.doc);
    expect(peer.input.value).toBe('Live: Putin meets Sharaa');
    expect(peer.input.selectionStart).toBe(12);
    expect(peer.input.value.slice(0, peer.input.selectionStart!)).toBe('Live: Putin ');
  });

  it('keeps a selection around the same words', () => {
    const peer = makePeer('Putin meets Sharaa');
    peer.input.setSelectionRange(6, 11); // "meets"
    const remote = makeRemote(peer);
    remote.getText('headline').insert(0, 'Live: ');
    remote.getText('headline').insert(24, ' in Moscow');
    sync(remote, peer.doc);
    expect(peer.input.value).toBe('Live: Putin meets Sharaa in Moscow');
    expect(peer.input.value.slice(peer.input.selectionStart!, peer.input.selectionEnd!)).toBe('meets');
  });

  it('leaves the caret before text a colleague adds right at it', () => {
    const peer = makePeer('Putin');
    peer.input.setSelectionRange(5, 5);
    const remote = makeRemote(peer);
    remote.getText('headline').insert(5, ' and Sharaa');
    sync(remote, peer.doc);
    expect(peer.input.value).toBe('Putin and Sharaa');
    expect(peer.input.selectionStart).toBe(5);
  });

  it('converges when two people edit the same field at once', () => {
    const alice = makePeer('Syria leader visits Moscow');
    const bobDoc = makeRemote(alice);
    const bobInput = document.createElement('input');
    document.body.append(bobInput);
    disposers.push(bindInputToText(bobInput, bobDoc.getText('headline'), { field: 'headline' }), () => bobInput.remove());

    typeAt(alice.input, 5, "'s new"); // "Syria's new leader visits Moscow"
    typeAt(bobInput, 26, ' for talks with Putin'); // "Syria leader visits Moscow for talks with Putin"
    sync(alice.doc, bobDoc);
    sync(bobDoc, alice.doc);

    const expected = "Syria's new leader visits Moscow for talks with Putin";
    expect(alice.text.toString()).toBe(expected);
    expect(bobDoc.getText('headline').toString()).toBe(expected);
    expect(alice.input.value).toBe(expected);
    expect(bobInput.value).toBe(expected);
  });
});

describe('undo and redo', () => {
  it('undo removes only this person’s own change, not a colleague’s', () => {
    const peer = makePeer('Sharaa visits Moscow');
    typeAt(peer.input, 0, 'Live: ');
    const remote = makeRemote(peer);
    remote.getText('headline').insert(remote.getText('headline').length, ' today');
    sync(remote, peer.doc);
    expect(peer.input.value).toBe('Live: Sharaa visits Moscow today');

    const event = press(peer.input, 'z', { ctrlKey: true });
    expect(event.defaultPrevented).toBe(true);
    expect(peer.text.toString()).toBe('Sharaa visits Moscow today');
    expect(peer.input.value).toBe('Sharaa visits Moscow today');
    expect(peer.input.selectionStart).toBe(0);

    press(peer.input, 'z', { ctrlKey: true, shiftKey: true });
    expect(peer.input.value).toBe('Live: Sharaa visits Moscow today');
    press(peer.input, 'z', { ctrlKey: true });
    press(peer.input, 'y', { ctrlKey: true });
    expect(peer.input.value).toBe('Live: Sharaa visits Moscow today');
  });

  it('has nothing to undo for a colleague’s change alone', () => {
    const peer = makePeer('Headline');
    const remote = makeRemote(peer);
    remote.getText('headline').insert(8, ' updated');
    sync(remote, peer.doc);
    press(peer.input, 'z', { ctrlKey: true });
    expect(peer.text.toString()).toBe('Headline updated');
  });
});

describe('one line only', () => {
  it('turns line breaks into spaces', () => {
    expect(toSingleLine('one\r\ntwo\nthree\rfour\u2028five')).toBe('one two three four five');
  });

  it('Enter adds nothing', () => {
    const peer = makePeer('Headline');
    expect(press(peer.input, 'Enter').defaultPrevented).toBe(true);
    expect(peer.text.toString()).toBe('Headline');
  });

  it('a pasted paragraph becomes one line', () => {
    const peer = makePeer('Before after');
    peer.input.setSelectionRange(7, 7);
    const data = new DataTransfer();
    data.setData('text/plain', 'pasted\nfrom\r\nWord ');
    const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    peer.input.dispatchEvent(paste);
    expect(paste.defaultPrevented).toBe(true);
    expect(peer.text.toString()).toBe('Before pasted from Word after');
    expect(peer.input.value).toBe('Before pasted from Word after');
  });

  it('line breaks that arrive another way (drop into a textarea) become spaces too', () => {
    const doc = new Y.Doc();
    const text = doc.getText('teaser');
    const area = document.createElement('textarea');
    document.body.append(area);
    disposers.push(bindInputToText(area, text, {}), () => area.remove());
    area.value = 'First line\nsecond line';
    area.dispatchEvent(new Event('input'));
    expect(text.toString()).toBe('First line second line');
    expect(area.value).toBe('First line second line');
  });
});

describe('IME composition', () => {
  it('does not rewrite the value mid-composition and merges both edits after it', () => {
    const peer = makePeer('Tokyo ');
    const remote = makeRemote(peer);
    peer.input.setSelectionRange(6, 6);
    peer.input.dispatchEvent(new CompositionEvent('compositionstart'));
    peer.input.value = 'Tokyo とう';
    peer.input.dispatchEvent(new InputEvent('input', { isComposing: true }));
    expect(peer.text.toString()).toBe('Tokyo ');

    remote.getText('headline').insert(0, 'Live: ');
    sync(remote, peer.doc);
    expect(peer.input.value).toBe('Tokyo とう');

    peer.input.value = 'Tokyo 東京';
    peer.input.dispatchEvent(new CompositionEvent('compositionend', { data: '東京' }));
    expect(peer.text.toString()).toBe('Live: Tokyo 東京');
    expect(peer.input.value).toBe('Live: Tokyo 東京');
    expect(peer.input.selectionStart).toBe('Live: Tokyo 東京'.length);
  });

  it('maps positions through a change', () => {
    const delta = [{ retain: 2 }, { insert: 'abc' }, { retain: 1 }, { delete: 2 }];
    expect(mapIndexThroughDelta(1, delta, true)).toBe(1);
    expect(mapIndexThroughDelta(2, delta, false)).toBe(2);
    expect(mapIndexThroughDelta(2, delta, true)).toBe(5);
    expect(mapIndexThroughDelta(4, delta, true)).toBe(6);
    expect(mapIndexThroughDelta(6, delta, true)).toBe(7);
  });
});
