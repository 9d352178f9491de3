/** A filed report with personal data in every field that can hold it, for triage unit tests. */
import type { Report } from '../../../src/domain/reports/types';

export const PUPIL = 'Jamie Pupilname';
export const WRITE_UP = `A follow request from ${PUPIL} arrived at 16:30. [click](http://evil.example) *bold*`;

export function makeReport(overrides: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    ref: 'PC-2026-0042',
    kind: 'pupil-connection',
    kindTitle: 'Pupil connection attempt',
    clauses: ['7.6.15'],
    schoolId: 'cronton',
    safeguarding: true,
    priority: 'high',
    routing: { alsoTrust: false, bypassWhenConcerningTriager: true },
    retentionClass: 'safeguarding',
    reporter: { aadObjectId: 'aad-reporter', name: 'Alex Teacher', teamsUserId: '29:teacher' },
    reporterConversation: { serviceUrl: 'http://127.0.0.1:1/', conversationId: 'a:personal', tenantId: 't', botId: '28:bot', channelId: 'msteams' },
    source: 'chat',
    submissionId: 'sub-1',
    submittedAt: '2026-11-25T09:00:00.000Z',
    happenedAt: '2026-11-24T16:30:00.000Z',
    happenedAtTimeKnown: true,
    fields: { pupilName: PUPIL, yearGroup: 'y6', whatHappened: WRITE_UP, actionTaken: ['declined', 'blocked'] },
    labels: { pupilName: 'Pupil name', yearGroup: 'Year group', whatHappened: 'What happened', actionTaken: 'Action taken' },
    sensitiveFields: ['pupilName', 'whatHappened'],
    immediateRisk: 'no',
    toldDsl: true,
    evidenceHeld: true,
    concernsTriager: false,
    status: 'new',
    history: [{ at: '2026-11-25T09:00:00.000Z', byAadObjectId: 'aad-reporter', action: 'filed' }],
    ...overrides,
  };
}
