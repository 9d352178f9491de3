/**
 * The fields a kind's form shows: the common fields every report records, around the kind's
 * own fields, in the order staff answer them (school and safety first, then what happened,
 * then evidence and who it concerns). Only the risk question stays in a form's first part: the
 * school (usually remembered), whether the DSL has been told, when it happened, evidence and
 * whether it concerns a triager are folded under "More details", still required where they
 * were, so a phone's first screen holds who, what and the risk (issue 9, item 10). A kind can
 * unfold happenedAt, evidenceHeld and concernsTriager with `common.X.essential: true`.
 */
import type { CommonFieldId, FieldDefinition, FieldOption, KindDefinition } from './kinds';

export interface SchoolChoice {
  id: string;
  name: string;
}

const COMMON: Record<CommonFieldId, FieldDefinition> = {
  school: { id: 'school', type: 'choice', label: 'Your school', required: true, sensitive: false, essential: false, help: 'Chosen once and remembered for your next report.' },
  immediateRisk: {
    id: 'immediateRisk', type: 'choice', label: 'Is anyone at immediate risk of harm?', required: true, sensitive: false,
    options: [{ value: 'no', title: 'No' }, { value: 'yes', title: 'Yes' }, { value: 'unsure', title: 'Not sure' }],
  },
  toldDsl: {
    id: 'toldDsl', type: 'boolean', label: 'Have you told the DSL (Designated Safeguarding Lead) in person or by phone?', required: false, sensitive: false, essential: false,
    help: 'Needed if anyone may be at immediate risk.',
  },
  happenedAt: {
    id: 'happenedAt', type: 'datetime', label: 'When did it happen?', required: true, sensitive: false, when: 'past', essential: false,
    help: 'The date, and the time if you know it.',
  },
  evidenceHeld: {
    id: 'evidenceHeld', type: 'boolean', label: 'Do you have evidence (screenshots, messages, links)?', required: true, sensitive: false, essential: false,
    help: 'Keep it safe and do not forward it to others.',
  },
  concernsTriager: {
    id: 'concernsTriager', type: 'boolean', label: 'Does this concern the headteacher, or someone who handles these reports (a deputy head or the DSL)?', required: true, sensitive: false, essential: false,
    help: 'If yes, it goes to the trust\'s named safeguarding lead instead of your school.', default: 'no',
  },
};

/** Whether a kind asks a common field (a kind can switch some off; concernsTriager follows routing). */
export function asks(kind: KindDefinition, id: CommonFieldId): boolean {
  if (id === 'concernsTriager') return kind.routing.bypassWhenConcerningTriager && kind.common.concernsTriager?.ask !== false;
  if (id === 'toldDsl') return asks(kind, 'immediateRisk');
  return kind.common[id]?.ask !== false;
}

function common(kind: KindDefinition, id: CommonFieldId, options?: FieldOption[]): FieldDefinition {
  const o = kind.common[id];
  const essential = o?.essential === undefined ? {} : { essential: o.essential ? undefined : false };
  return { ...COMMON[id], ...(o?.label ? { label: o.label } : {}), ...(o?.help !== undefined ? { help: o.help } : {}), ...(options ? { options } : {}), ...essential };
}

/** Every field of the kind's form, common ones included, in form order. */
export function formFields(kind: KindDefinition, schools: SchoolChoice[]): FieldDefinition[] {
  const schoolOptions = schools.map((s) => ({ value: s.id, title: s.name }));
  const head: CommonFieldId[] = ['immediateRisk', 'toldDsl', 'happenedAt'];
  const tail: CommonFieldId[] = ['evidenceHeld', 'concernsTriager'];
  return [
    common(kind, 'school', schoolOptions),
    ...head.filter((id) => asks(kind, id)).map((id) => common(kind, id)),
    ...kind.fields,
    ...tail.filter((id) => asks(kind, id)).map((id) => common(kind, id)),
  ];
}

/** The raw-input key of a datetime field's time part (field ids are camelCase, so no clash). */
export const timeKey = (fieldId: string): string => `${fieldId}__time`;
