/**
 * escapeText: user text inside a markdown TextBlock must show as typed, with no link, formatting
 * or block structure, and without the backslashes that Teams on phones shows literally. Checked
 * through markdown-it, the CommonMark parser the Adaptive Cards web renderer uses.
 */
import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import { escapeText } from '../../src/cards/render';

const md = new MarkdownIt();
const render = (text: string) => md.render(text);

/** What a person reads: tags dropped, entities decoded, invisible joiners and look-alikes undone. */
function visible(html: string): string {
  return html.replace(/<\/p>\s*<p>/g, '\n').replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    .replace(/\u2060/g, '').replace(/\u2217/g, '*').replace(/\u02cb/g, '`')
    .trim();
}

/** Tags markdown-it produced besides the paragraphs every text gets. */
const structure = (html: string) => (html.match(/<(?!\/?p>)[a-z0-9]+/g) ?? []);

describe('escapeText', () => {
  const attacks: [string, string][] = [
    ['an inline link', '[click](http://evil.example)'],
    ['an image', '![x](http://evil.example/x.png)'],
    ['a reference link', '[click][1]\n[1]: http://evil.example'],
    ['an autolink', '<http://evil.example>'],
    ['HTML', '<a href="http://evil.example">x</a> <b>bold</b>'],
    ['emphasis', '*Smith* **bold** _x_ __y__ ***both***'],
    ['code', '`code` and ``more``'],
    ['strikethrough', '~~gone~~'],
    ['lists', '1. one\n2) two\n- three\n+ four\n* five'],
    ['a heading', '# Big\nSetext\n==='],
    ['a quote', '> quoted'],
    ['a table', '| a | b |\n|---|---|\n| c | d |'],
    ['a rule', 'text\n---\n***\n___'],
    ['an indented code block', '    indented code'],
    ['an entity', '&amp; &#42; &copy;'],
    ['a backslash escape', '\\*not emphasis\\* \\[x\\](y)'],
  ];

  for (const [what, typed] of attacks) {
    it(`keeps ${what} inert and shows it as typed`, () => {
      const html = render(escapeText(typed));
      assert.deepEqual(structure(html), [], html);
      const lines = typed.split('\n').filter((l) => l.trim() !== '').map((l) => l.trim());
      assert.equal(visible(html), lines.join('\n'));
    });
  }

  it('never adds a backslash (Teams on phones would show it)', () => {
    for (const [, typed] of attacks) {
      const count = (s: string) => s.split('\\').length - 1;
      assert.equal(count(escapeText(typed)), count(typed), typed);
    }
  });

  it('leaves ordinary text exactly as it is, so it reads and copies the same anywhere (a choice title too)', () => {
    for (const text of ["O'Neil-Smith (Dr.)", 'St. James CE Primary School', '50% 3.5 - done! #1 +44 7700 900123', '@amy_smith_06', 'amy.smith@example.org', 'https://www.instagram.com/p/abc_123/?x=1&y=2', 'Year 6: 10:30am (approx.)']) {
      assert.equal(escapeText(text), text);
    }
  });

  it('keeps line breaks as paragraph breaks (markdown joins single lines)', () => {
    assert.equal(render(escapeText('line one\nline two\r\n\r\nline three')), '<p>line one</p>\n<p>line two</p>\n<p>line three</p>\n');
  });

  it('removes control characters and caps the length', () => {
    assert.equal(escapeText('a\u0000b\u0007c\u001bd'), 'abcd');
    assert.equal(escapeText('x'.repeat(5000)).length, 4000);
    assert.equal(escapeText('hello world', 5), 'hello');
  });
});
