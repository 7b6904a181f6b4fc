/**
 * The report's "How they found us and how long it took" section (`report --deals FILE`): the
 * journey's channels and its days to won per category and for ideal against other customers, put
 * before the method; the persona cards point to it.
 */
import type { Journey } from '../analyses/journey.js';
import type { DealsRead } from '../sources/files/deals.js';
import { data, heading, paragraph, table, type Block } from './blocks.js';
import { channelTable, readParagraph, testSentence } from './journey.js';
import { formatInt, formatShare } from './format.js';

export const JOURNEY_HEADING = 'How they found us and how long it took';

function q(x: { q1: number; median: number; q3: number } | null): string {
  if (x === null) return '–';
  const f = (v: number): string => (Number.isInteger(v) ? formatInt(v) : v.toFixed(1));
  return `${f(x.median)} (${f(x.q1)}–${f(x.q3)})`;
}

export function journeySectionBlocks(j: Journey, read: DealsRead): Block[] {
  return [
    heading(JOURNEY_HEADING),
    paragraph(`${readParagraph(read)} Details: segment journey ${data(read.file)} --sales ….`),
    paragraph(`**${j.sentence}**`),
    channelTable(j.channels),
    paragraph(testSentence(j)),
    ...(['category', 'ideal'] as const).map((dim) =>
      table(
        [dim === 'category' ? 'product category' : 'customers', 'deals', 'won', 'win rate', 'days to won', 'activities to won'],
        j.rows.filter((r) => r.dimension === dim).map((r) => [data(r.value), formatInt(r.deals), formatInt(r.won), r.winRate === null ? '–' : formatShare(r.winRate, 0), q(r.daysToWon), q(r.activitiesToWon)]),
        ['left', 'right', 'right', 'right', 'right', 'right'],
      ),
    ),
    paragraph('Days to won: close date − created date of won deals, median (quartiles). Win rate: won ÷ (won + lost).'),
  ];
}

/** The report's blocks with the section before the method and a pointer under the persona cards' heading. */
export function withJourneySection(blocks: readonly Block[], section: readonly Block[]): Block[] {
  const out = [...blocks];
  const method = out.findIndex((b) => b.kind === 'heading' && b.level === 2 && /method$/i.test(b.text));
  out.splice(method < 0 ? out.length : method, 0, ...section);
  const personas = out.findIndex((b) => b.kind === 'heading' && b.level === 2 && /persona/i.test(b.text));
  if (personas >= 0) out.splice(personas + 1, 0, paragraph(`How these customers found us and how long their deals took: see "${JOURNEY_HEADING}" below (\`segment journey\`).`));
  return out;
}
