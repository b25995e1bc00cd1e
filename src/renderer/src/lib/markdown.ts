import MarkdownIt from 'markdown-it';

/**
 * Light Markdown for notes, rendered so that nothing in a note can run or reach out:
 * raw HTML is shown as text, links and images are not recognised (so `[a](b)` stays as
 * typed and nothing is ever followed or fetched), and bare URLs are not turned into links.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable([
  'link',
  'image',
  'autolink',
  'html_inline',
  'html_block',
  'reference',
]);

export function renderNoteMarkdown(text: string): string {
  return markdown.render(text);
}
