/**
 * The values a parameter of the analyses can take, one list each: the options' choices
 * (commands/options-table.ts), the types of the analyses and models, and the JSON schemas of the
 * documents that report the parameters all read them here. A base file: the schemas, which are
 * base files too, and every layer above can import it.
 */

/** What ABC ranks by (--by). */
export const ABC_BASES = ['revenue', 'margin', 'avg-check', 'orders'] as const;
/** How ABC draws its limits (--method). */
export const ABC_METHODS = ['cumulative', 'count', 'computed'] as const;
/** The periods of XYZ (--period). */
export const PERIODS = ['week', 'month', 'quarter'] as const;
/** What XYZ measures per period (--xyz-by). */
export const XYZ_MEASURES = ['revenue', 'orders'] as const;
/** The periods XYZ counts (--xyz-span). */
export const XYZ_SPANS = ['customer', 'window'] as const;
/** RFM's monetary value (--monetary). */
export const MONETARY_VALUES = ['total', 'avg'] as const;
/** RFM's quantile convention (--quantiles). */
export const QUANTILE_CONVENTIONS = ['ties', 'r'] as const;
/** The periods of cohorts (cohorts --by). */
export const COHORT_PERIODS = ['month', 'quarter', 'year'] as const;
/** The kinds of input (--kind). */
export const INPUT_KINDS = ['crm', 'bank', 'loyalty'] as const;
/** The purchase models of CLV (--model, with `auto`). */
export const PURCHASE_MODELS = ['bgnbd', 'mbgnbd', 'pnbd'] as const;
/** The spend models of CLV (--spend-model). */
export const SPEND_MODELS = ['gamma-gamma', 'none'] as const;
/** The money CLV is in (--value). */
export const CLV_VALUES = ['revenue', 'margin'] as const;
/** The time unit of the CLV models (--time-unit). */
export const TIME_UNITS = ['day', 'week', 'month'] as const;
