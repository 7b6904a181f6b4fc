import { Command } from 'commander';
import { planOutput, writeDocument } from '../formats/index.js';
import type { OutputOptions } from './analysis-run.js';
import { warn, type CommandIO } from './context.js';
import { parseEngineLimits } from './options.js';
import { withSideFiles } from '../sources/files/side-files.js';
import { CRM_READ_OPTIONS, OUTPUT_OPTIONS, addOptions, type RawOptions } from './options-table.js';
import { dealReadOptions, readDealMap, readDeals, writeDealRejects, type RawDealOptions } from './deal-options.js';

const EXAMPLES = `Examples:
  segment report invoices.csv --customers accounts.csv --format json --output report.json
  segment score leads.csv --profile report.json                     prospects ranked by fit
  segment score hubspot-companies.csv --profile report.json --format csv > scored.csv

Each prospect (a CRM companies or leads export: a company key or name and attribute columns
named like the portrait's attributes) gets a fit score from 0 to 100 against the ideal-customer
portrait of the saved report, with the traits that raised or lowered it. Prospects already in
the report's customers are marked with their group.

How the score is computed:
  Only the traits the portrait found beyond chance count. A value adds ln(lift), lift being its
  share among ideal customers ÷ its share among all customers; a value not beyond chance, or an
  unknown (empty) value, adds nothing. A numeric trait adds t × |ln(ratio of the medians)|, t
  being where the value lies between the median of all customers (0) and of the ideal ones (1),
  clamped to −1…1. 50 is neutral; 100 has the strongest ideal trait of every attribute; 0 the
  strongest non-ideal trait of every one. Traits are treated as independent (naive Bayes): the
  score ranks prospects, it is not a probability of becoming an ideal customer.

Columns are matched to the portrait's attributes by name, ignoring case, spaces and punctuation
and a leading Organization/Company/Account/Person/Contact/Deal/Lead ("Organization - Industry"
is industry, "Contact role" is contact_role).
`;

/** The formats of `segment score`; the first is the default. */
const FORMATS = ['table', 'md', 'json', 'csv', 'ndjson', 'parquet', 'xlsx'] as const;
const OPTIONS = ['profile', ...OUTPUT_OPTIONS, ...CRM_READ_OPTIONS] as const;

type ScoreOptions = RawDealOptions & OutputOptions<(typeof FORMATS)[number]> & RawOptions<'rejects' | 'tempDir'> & { profile: string; map?: string };

export function scoreCommand(io: () => CommandIO): Command {
  const cmd = new Command('score')
    .description('Fit scores of prospects or leads against the ideal-customer portrait of a saved JSON report, with reasons, ranked.')
    .argument('<prospects>', 'a CRM companies/leads export (CSV) with attribute columns; - for stdin')
    .addHelpText('before', EXAMPLES);
  addOptions(cmd, OPTIONS, { name: 'score', variant: 'crm', formats: FORMATS });
  cmd.action(async (file: string, opts: ScoreOptions) => {
    const out = io();
    const plan = planOutput({ ...opts, formats: FORMATS }, out.stdout);
    const { readProfile } = await import('../sources/files/profile.js');
    const profile = await readProfile(opts.profile);
    const map = await readDealMap(opts.map, '--map');
    const readOptions = dealReadOptions(map, 'prospects', 'score', opts);
    await withSideFiles(parseEngineLimits(opts), async (tables, temp) => {
      const read = await readDeals(file, readOptions, tables, temp);
      if (opts.rejects !== undefined) await writeDealRejects(opts.rejects, read);
      for (const n of read.notes) warn(out, `${read.file}: ${n}`);
      const { scoreProspects, scoringAttributes } = await import('../analyses/fit-score.js');
      const { attributeKey } = await import('../sources/files/deal-fields.js');
      const scoring = scoringAttributes(profile.attributes);
      if (scoring.length === 0) warn(out, `${profile.file}: the portrait has no trait beyond chance; every prospect scores 50`);
      // Prospect columns by the portrait attribute they stand for.
      const columnOf = new Map<string, string>();
      for (const a of scoring) {
        const column = read.attributeNames.find((c) => attributeKey(c) === attributeKey(a.name));
        if (column !== undefined) columnOf.set(a.name, column);
      }
      const missing = scoring.filter((a) => !columnOf.has(a.name)).map((a) => a.name);
      if (missing.length > 0) warn(out, `${read.file}: no column for the portrait's ${missing.map((m) => `'${m}'`).join(', ')}: neutral for every prospect (columns are ${read.attributeNames.map((c) => `'${c}'`).join(', ')})`);
      const byName = new Map([...profile.customers].map(([key, c]) => [c.name.trim().toLowerCase(), { key, ...c }]));
      const prospects = read.deals.map((d) => {
        const c = (d.company !== null ? profile.customers.get(d.company) : undefined) ?? (d.companyName !== null ? byName.get(d.companyName.trim().toLowerCase()) : undefined);
        return {
          line: d.line,
          id: d.id,
          key: d.company,
          name: d.companyName,
          values: new Map(scoring.map((a) => [a.name, columnOf.has(a.name) ? (d.attributes[columnOf.get(a.name)!] ?? null) : null])),
          existing: c ? { group: c.group, abcClass: c.abcClass } : null,
        };
      });
      const scored = scoreProspects(prospects, profile.attributes);
      const { scoreDocument } = await import('../documents/deals-documents.js');
      await writeDocument(scoreDocument(scored, read, profile, scoring), plan);
    });
  });
  return cmd;
}
