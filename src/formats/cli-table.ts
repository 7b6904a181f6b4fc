/** Terminal tables (cli-table3), plain when colour is off so that pipes get clean text. */
import Table from 'cli-table3';
import type { Align } from '../documents/blocks.js';

export type { Align };

export function renderTable(head: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = [], color = false, compact = false): string {
  const table = new Table({
    head: [...head],
    colAligns: head.map((_, i) => align[i] ?? 'left'),
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [], compact },
    wordWrap: false,
  });
  for (const r of rows) table.push([...r]);
  return table.toString();
}
