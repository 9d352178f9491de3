/**
 * Policy text as Teams shows it in a card's TextBlock, which reads markdown: headings that
 * would turn into numbered lists are reworded, and the policy's own line breaks are kept.
 */

/**
 * `7. Social Media` reads as a numbered list item in markdown (indented, renumbered), so a
 * section is named `Section 7: Social Media`; an appendix (`Appendix B – Template…`) stays.
 */
export function sectionLabel(section: string): string {
  const m = /^(\d+)\.\s+(.*)$/.exec(section);
  return m ? `Section ${m[1]}: ${m[2]}` : section;
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;

/**
 * A clause for a TextBlock: markdown joins lines into one paragraph, so each line becomes its
 * own paragraph, except list items, which stay together as the list they are.
 */
export function quoteText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim() !== '');
  return lines.map((line, i) => (i === 0 ? line : `${LIST_ITEM.test(line) ? '\n' : '\n\n'}${line}`)).join('');
}
