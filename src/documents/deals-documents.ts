/** The Documents of the CRM commands: `journey`, `audit` and `score`. */
import type { Audit } from '../analyses/audit.js';
import type { ScoredProspect } from '../analyses/fit-score.js';
import type { Journey } from '../analyses/journey.js';
import type { DealsRead } from '../sources/files/deals.js';
import type { Profile, ProfileAttribute } from '../sources/files/profile.js';
import { auditBlocks, auditJson, auditRows } from './audit.js';
import type { Document } from './document.js';
import { journeyBlocks, journeyJson, journeyRows } from './journey.js';
import { idColumn, scoreBlocks, scoreJson, scoreRows } from './score.js';

export function journeyDocument(j: Journey, deals: DealsRead): Document {
  return {
    command: 'journey',
    title: 'How they found us and how long it took',
    blocks: (t) => journeyBlocks(j, deals, t.top),
    json: () => journeyJson(j, deals),
    rows: () => journeyRows(j),
  };
}

export function auditDocument(a: Audit, read: DealsRead): Document {
  return {
    command: 'audit',
    title: 'Qualification audit',
    blocks: (t) => auditBlocks(a, read, t.top),
    json: () => auditJson(a, read),
    rows: () => auditRows(a, read.file),
  };
}

export function scoreDocument(scored: readonly ScoredProspect[], read: DealsRead, profile: Profile, scoring: readonly ProfileAttribute[]): Document {
  return {
    command: 'score',
    title: 'Fit scores',
    blocks: (t) => scoreBlocks(scored, read, profile, scoring, t.top),
    json: () => scoreJson(scored, read, profile, scoring),
    rows: () => scoreRows(scored, idColumn(read)),
  };
}
