/**
 * The answer model: policy documents made of numbered clauses, and the answers built from them.
 * Plain data only, so the Teams layer, the CLI and the tests all share it.
 */

/** A numbered clause (`7.6.15`), a numbered heading (`7.6`), or an appendix (`Appendix C`). */
export interface Clause {
  /** Exactly the policy's number (`7.6.15`), or `Appendix B`. Unique within its document. */
  id: string;
  /** The document this clause belongs to. */
  docId: string;
  /** Top-level section: `{ id: '7', title: 'Social Media' }`, or the appendix itself. */
  section: { id: string; title: string };
  /** The nearest heading's title: the subsection (`Staff Conduct on Social Media Accounts`) or the section. */
  title: string;
  /** The policy's own words, verbatim; bullets that belong to the clause follow on lines starting `- `. */
  text: string;
  /** The number one level up (`7.6` for `7.6.15`, `7` for `7.1`); undefined for sections and appendices. */
  parent?: string;
  kind: 'clause' | 'heading' | 'appendix';
  /** 1-based line in the source file where the clause starts. */
  line: number;
}

export interface ContentsEntry {
  /** `7` or `Appendix A`. */
  id: string;
  title: string;
  line: number;
}

export interface PolicyDocument {
  /** Stable id from the file name (`staff-communication-and-social-media`). */
  id: string;
  title: string;
  source: string;
  /** Sections and appendices in document order. */
  sections: { id: string; title: string; line: number }[];
  /** Every clause, heading and appendix in document order. */
  clauses: Clause[];
  /** The document's own table of contents, when it has one. */
  contents: ContentsEntry[];
}

export interface ParseIssue {
  severity: 'error' | 'warning';
  line: number;
  message: string;
}

/** A step the policy asks of staff, with the report that carries it out. */
export interface NextStep {
  /** Report kind id handled by the reports feature (`pupil-connection`); '' for a what-to-do line with no report. */
  kind: string;
  /** What to do, close to the policy's words. */
  step: string;
  /** Button title. */
  action: string;
  /** The clauses this step belongs to. */
  clauses: string[];
  /** The step instead when the asker is the one connecting ("can I add parents?"), not receiving. */
  sending?: { kind: string; step: string; action: string };
}

export interface Citation {
  /** The clause number exactly as the policy writes it, or `Appendix B`. */
  id: string;
  docId: string;
  /** Nearest heading title (subsection or section). */
  title: string;
  /** Top-level section, e.g. `7. Social Media`. */
  section: string;
  /** The clause text, verbatim. */
  quote: string;
  /**
   * For a clause with bullets, the bullet that decides the question (verbatim, one of the quote's
   * lines): shown first, after the lead-in (`decidingFirst`), not the sixth of six.
   */
  deciding?: string;
}

export interface Answer {
  answered: boolean;
  /** 0..1: how well the best clause covers what was asked (see docs/ANSWERS.md). */
  confidence: number;
  /** Best first: the governing clause of each part of the question, then related clauses. */
  citations: Citation[];
  /** How many of `citations` govern the question (the rest are related). */
  governing: number;
  nextSteps: NextStep[];
  /** When not answered: the nearest sections, to point the asker somewhere useful. */
  nearest: { id: string; title: string }[];
  /** Plain-text answer (for clients without cards and for the CLI). Never echoes the question. */
  text: string;
  /**
   * Set when the question is about a safeguarding topic (safeguarding.ts: a pupil connecting or
   * messaging, the press, images of pupils, abuse of staff): the first citation is that topic's
   * clause and must be shown as the answer, with its report button, never as one of several choices.
   */
  safeguarding?: 'pupil-contact' | 'press' | 'pupil-images' | 'staff-abuse';
  /** Optional generated phrasing from the cited clauses only (see phraser.ts). */
  generated?: string;
}
