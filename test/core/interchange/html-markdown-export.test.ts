import { describe, expect, it } from 'vitest';
import { storyToHtml, storyToMarkdown } from '../../../electron/core/interchange/story-html-markdown';
import type { StorySnapshot } from '../../../shared/article-body';
import type { ArticleFields } from '../../../shared/model';
import { parseInertHtml } from '../../../electron/core/interchange/html-to-doc';
import { marked } from 'marked';

/** HTML and Markdown exports: semantic, escaped, nothing of the editor. */

const fields: ArticleFields = {
  headline: 'Tom & Jerry <script>alert(1)</script> win',
  kicker: 'Cartoons',
  teaser: 'A "cat" and a mouse — *finally*.',
  section: 'Culture',
  status: 'published',
  language: 'ar',
  bylines: [{ id: 'b', name: 'Ana <b>Ruiz</b>', role: 'author', organisation: 'DW' }],
  sources: ['AFP'],
  editedBy: [{ name: 'Wesley Rahn' }],
  tags: [],
  slug: 'tom-jerry',
  dateline: '',
  createdAt: '2025-10-15T09:30:00+02:00',
  publishedAt: '2025-10-15T11:00:00+02:00',
  trashedAt: null,
};

const t = (text: string, marks: string[] = [], href?: string) => ({
  type: 'text',
  text,
  marks: [...marks.map((type) => ({ type })), ...(href ? [{ type: 'link', attrs: { href } }] : [])],
});

const story: StorySnapshot = {
  fields,
  body: {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [t('# not a heading, 1. not a list, <i>not markup</i> & [no link]'), t(' bold', ['bold']), t(' and '), t('linked', ['italic'], 'https://example.org/a?b=1&c=(2)')] },
      { type: 'heading', attrs: { level: 3 }, content: [t('Sub <head>')] },
      { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [t('third')] }] }] },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [t('quoted')] }] },
      { type: 'pullQuote', attrs: { attribution: 'The mayor' }, content: [t('We will rebuild.')] },
      { type: 'figure', attrs: { media: 'c'.repeat(64), credit: 'AFP/Getty', alt: 'A "flooded" street' }, content: [t('Flooded street')] },
      { type: 'videoEmbed', attrs: { title: 'Can Russia keep its bases?', duration: 284, poster: null, source: 'https://video.example.com/x' } },
      { type: 'horizontalRule' },
    ],
  },
};

const imageSrc = (sha: string) => `lede-media://${sha}/original`;

describe('HTML export', () => {
  const html = storyToHtml(story, { imageSrc });

  it('is a page with the story’s language and direction, every text escaped', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">/);
    expect(html).toContain('<h1>Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; win</h1>');
    expect(html).toContain('<p class="byline">By Ana &lt;b&gt;Ruiz&lt;/b&gt;, DW · AFP · <time datetime="2025-10-15T11:00:00+02:00">2025-10-15</time></p>');
    expect(html).not.toMatch(/<script|<b>Ruiz/);
    expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=(2)"><em>linked</em></a>');
    expect(html).toContain('<ol start="3"><li><p>third</p></li></ol>');
    expect(html).toContain('<aside class="pull-quote"><blockquote><p>We will rebuild.</p></blockquote><cite>The mayor</cite></aside>');
    expect(html).toContain(`<figure><img src="lede-media://${'c'.repeat(64)}/original" alt="A &quot;flooded&quot; street"/><figcaption>Flooded street <span class="credit">AFP/Getty</span></figcaption></figure>`);
    expect(html).toContain('<figcaption><a href="https://video.example.com/x">Can Russia keep its bases?</a> <span class="duration">04:44</span></figcaption>');
    expect(html).toContain('<footer><p>Edited by: Wesley Rahn</p></footer>');
  });

  it('carries none of the editor’s markup', () => {
    expect(html).not.toMatch(/data-|contenteditable|ProseMirror|node-view|class="story-/);
  });

  it('parses back to the same text', () => {
    const document = parseInertHtml(html);
    expect(document.body.querySelector('h1')!.textContent).toBe(fields.headline);
  });
});

describe('Markdown export', () => {
  const markdown = storyToMarkdown(story, { imageSrc });

  it('escapes what Markdown would read as syntax', () => {
    expect(markdown).toContain('# Tom \\& Jerry \\<script\\>alert(1)\\</script\\> win');
    expect(markdown).toContain('\\# not a heading, 1. not a list, \\<i\\>not markup\\</i\\> \\& \\[no link\\] **bold** and [_linked_](https://example.org/a?b=1&c=%282%29)');
    expect(markdown).toContain('### Sub \\<head\\>');
    expect(markdown).toContain('3. third');
    expect(markdown).toContain('> We will rebuild.\n>\n> — The mayor');
    expect(markdown).toContain(`![A "flooded" street](lede-media://${'c'.repeat(64)}/original)\n_Flooded street_ — AFP/Getty`);
    expect(markdown).toContain('[▶ Can Russia keep its bases? (04:44)](https://video.example.com/x)');
    expect(markdown).toContain('Edited by: Wesley Rahn');
  });

  it('renders back to the same words and no markup of its own', async () => {
    const rendered = await marked.parse(markdown, { async: true });
    const document = parseInertHtml(rendered);
    expect(document.body.querySelector('h1')!.textContent).toBe(fields.headline);
    expect(document.body.querySelector('script')).toBeNull();
    expect(document.body.querySelector('i')).toBeNull();
    expect(document.body.querySelector('h3')!.textContent).toBe('Sub <head>');
    expect(rendered).toContain('<ol start="3">');
  });
});
