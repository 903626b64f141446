import { Fragment } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { NODE, newsroomSchema } from '../../../shared/editor/extensions';

describe('the newsroom schema', () => {
  it('has exactly the nodes of docs/content-model.md', () => {
    expect(Object.keys(newsroomSchema().nodes).sort()).toEqual(
      [
        'doc',
        'text',
        'paragraph',
        'heading',
        'bulletList',
        'orderedList',
        'listItem',
        'blockquote',
        'pullQuote',
        'figure',
        'videoEmbed',
        'factbox',
        'horizontalRule',
        'hardBreak',
      ].sort(),
    );
  });

  it('has exactly the marks of docs/content-model.md', () => {
    expect(Object.keys(newsroomSchema().marks).sort()).toEqual([
      'bold', 'editorNote', 'italic', 'legalFlag', 'link', 'strike', 'suggestedDeletion', 'suggestedFormat', 'suggestedInsertion', 'underline',
    ]);
  });

  it('names every node in NODE as the schema does', () => {
    for (const name of Object.values(NODE)) expect(newsroomSchema().nodes[name], name).toBeDefined();
  });

  it.each(['blockquote', 'pullQuote', 'figure', 'factbox', 'paragraph'])('lets a merge leave %s empty (its content may be empty)', (name) => {
    expect(newsroomSchema().nodes[name]!.validContent(Fragment.empty)).toBe(true);
  });

  it('keeps the caption as node content, and credit, alt text and media as attributes', () => {
    const schema = newsroomSchema();
    const figure = schema.nodes.figure!.create({ media: 'a'.repeat(64), credit: 'REUTERS', alt: 'Two men' }, schema.text('Caption'));
    expect(figure.textContent).toBe('Caption');
    expect(figure.attrs).toEqual({ media: 'a'.repeat(64), credit: 'REUTERS', alt: 'Two men', lead: false });
  });

  it('reads figures stored before the lead attribute existed as not lead, and keeps a lead through HTML', () => {
    const schema = newsroomSchema();
    const old = schema.nodeFromJSON({ type: 'figure', attrs: { media: 'b'.repeat(64), credit: 'AP', alt: '' }, content: [{ type: 'text', text: 'Old' }] });
    expect(old.attrs.lead).toBe(false);
    expect(() => old.check()).not.toThrow();
    const lead = schema.nodes.figure!.create({ media: 'c'.repeat(64), lead: true }, schema.text('Hero'));
    expect(schema.nodes.figure!.spec.toDOM!(lead)).toEqual(expect.arrayContaining([expect.objectContaining({ 'data-lead': 'true' })]));
  });

  it('has a video embed with title, duration, poster and source and no content', () => {
    const video = newsroomSchema().nodes.videoEmbed!;
    expect(Object.keys(video.spec.attrs ?? {}).sort()).toEqual(['duration', 'poster', 'source', 'title']);
    expect(video.isAtom).toBe(true);
  });

  it('offers subheads h2 and h3 only', () => {
    const heading = newsroomSchema().nodes.heading!;
    const levels = (heading.spec.parseDOM ?? []).map((rule) => rule.tag).sort();
    expect(levels).toEqual(['h2', 'h3']);
  });
});
