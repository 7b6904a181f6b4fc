/** `segment audit` as blocks, JSON (schema `audit`) and CSV (the incomplete deals, one a row). */
import type { Audit, AuditCount } from '../analyses/audit.js';
import type { DealsRead } from '../sources/files/deals.js';
import { data, heading, list, paragraph, table, type Block } from './blocks.js';
import { columns, type RowTable } from './document.js';
import { formatInt, formatShare, plural } from './format.js';
import { readParagraph } from './journey.js';

function countTable(head: string, rows: readonly AuditCount[]): Block {
  return table(
    [head, 'deals', 'incomplete', 'share'],
    rows.map((r) => [data(r.value), formatInt(r.deals), formatInt(r.missing), r.deals > 0 ? formatShare(r.missing / r.deals, 0) : '–']),
    ['left', 'right', 'right', 'right'],
  );
}

export function auditBlocks(a: Audit, read: DealsRead, top: number | undefined): Block[] {
  const shown = top === undefined ? a.deals.slice(0, 50) : a.deals.slice(0, top);
  const blocks: Block[] = [
    heading('Qualification audit', 1),
    paragraph(readParagraph(read)),
    paragraph(
      `**${plural(a.incomplete, 'deal')} of ${formatInt(a.inScope)} at or past '${data(a.afterStage)}' (open deals at that stage or later, and won deals) lack a required field** (${a.required.map(data).join(', ')}). Out of scope: ${formatInt(a.outOfScope.lost)} lost, ${formatInt(a.outOfScope.earlier)} open at an earlier stage.`,
    ),
    heading('By field'),
    table(['field', 'empty', 'share'], a.byField.map((f) => [data(f.field), formatInt(f.missing), a.inScope > 0 ? formatShare(f.missing / a.inScope, 0) : '–']), ['left', 'right', 'right']),
    heading('By owner'),
    countTable('owner', a.byOwner),
    heading('By stage'),
    countTable('stage', a.byStage),
  ];
  if (a.deals.length > 0) {
    blocks.push(
      heading('The deals'),
      table(
        ['line', 'deal', 'company', 'stage', 'owner', 'empty'],
        shown.map((d) => [String(d.line), data(d.id ?? ''), data(d.company), data(d.stage), data(d.owner ?? ''), d.missing.map(data).join(', ')]),
        ['right', 'left', 'left', 'left', 'left', 'left'],
        a.deals.length - shown.length,
      ),
    );
  }
  blocks.push(
    heading('Method'),
    list([
      'In scope: open deals whose stage is the qualification stage (--after-stage) or later in the stage order (--stages, or the default vocabulary: new, qualified, proposal, negotiation), and won deals. Lost deals are out of scope.',
      'A field is empty when its cell is empty or only spaces; a deal without a company is in scope, and lacks it when it is required. With --strict the command exits with code 3 when any deal in scope is incomplete, or when a row could not be read.',
    ]),
  );
  return blocks;
}

export function auditJson(a: Audit, read: DealsRead) {
  return {
    schema: 'segment.audit' as const,
    version: 1 as const,
    file: read.file,
    rows: { read: read.rows.read, used: read.rows.used, rejected: read.rows.rejected },
    required: [...a.required],
    after_stage: a.afterStage,
    in_scope: a.inScope,
    out_of_scope: { lost: a.outOfScope.lost, earlier: a.outOfScope.earlier },
    incomplete: a.incomplete,
    by_field: a.byField.map((f) => ({ field: f.field, missing: f.missing })),
    by_owner: a.byOwner.map((o) => ({ owner: o.value, deals: o.deals, missing: o.missing })),
    by_stage: a.byStage.map((s) => ({ stage: s.value, deals: s.deals, missing: s.missing })),
    deals: a.deals.map((d) => ({ line: d.line, deal: d.id, company: d.company, stage: d.stage, owner: d.owner, missing: [...d.missing] })),
  };
}

/** The incomplete deals, a row each. */
export function auditRows(a: Audit, file: string): RowTable {
  return {
    name: 'deals',
    columns: columns({ file: 'text', line: 'integer', deal: 'text', company: 'text', stage: 'text', owner: 'text', missing: 'text' }),
    rows: a.deals.map((d) => [file, d.line, d.id, d.company, d.stage, d.owner, d.missing.join('; ')]),
  };
}
