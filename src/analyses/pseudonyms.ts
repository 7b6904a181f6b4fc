/**
 * Pseudonymised copies of analysis results (see src/kernel/pseudonymize.ts): customer keys and names
 * become the customer's pseudonym everywhere they appear. Pure.
 */
import type { Pseudonymizer } from '../kernel/pseudonymize.js';
import { mapCustomers, type Analysis } from './analysis.js';
import type { ParetoFlag, ParetoResult } from './pareto.js';

function paretoOf(p: ParetoResult, customer: (key: string) => string): ParetoResult {
  const flags = new Map<string, ParetoFlag>();
  for (const [key, flag] of p.flags) flags.set(customer(key), flag);
  return { ...p, flags };
}

export function pseudonymizeAnalysis(a: Analysis, p: Pseudonymizer): Analysis {
  return mapCustomers(a, { key: (key) => p.customer(key), name: (key) => p.customer(key) }, {
    abc: { ...a.abc, rows: a.abc.rows.map((r) => ({ ...r, key: p.customer(r.key) })) },
    pareto: paretoOf(a.pareto, p.customer),
    paretoMargin: a.paretoMargin ? paretoOf(a.paretoMargin, p.customer) : null,
  });
}
