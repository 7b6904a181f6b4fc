/**
 * `--map` given once for every input, or as `INPUT:FILE` for one input (repeatable), so that a
 * DKK and a SEK account, or two banks' exports, are read side by side with their own settings.
 */
import { UsageError } from '../kernel/errors.js';

export interface MapOptions {
  readonly global?: string;
  readonly perInput: readonly { input: string; file: string }[];
}

/**
 * Splits the `--map` values. `INPUT:FILE` is per input when INPUT is one of the inputs as written
 * on the command line (a map file whose own name holds a colon stays a map for every input).
 */
export function splitMapOptions(values: string | readonly string[] | undefined, inputs: readonly string[]): MapOptions {
  const list = values === undefined ? [] : typeof values === 'string' ? [values] : values;
  let global: string | undefined;
  const perInput: { input: string; file: string }[] = [];
  for (const value of list) {
    const input = inputs.find((i) => value.startsWith(`${i}:`) && value.length > i.length + 1);
    if (input !== undefined) {
      perInput.push({ input, file: value.slice(input.length + 1) });
      continue;
    }
    const colon = value.indexOf(':');
    if (colon > 0 && /\.(csv|txt|tsv|gz)$/i.test(value.slice(0, colon))) {
      throw new UsageError(`--map ${value}: ${value.slice(0, colon)} is not one of the inputs (${inputs.join(', ')}); write --map INPUT:MAP with the input as given`);
    }
    if (global !== undefined) throw new UsageError(`--map is given twice for every input (${global}, ${value}); give one, or INPUT:MAP for each input`);
    global = value;
  }
  return global !== undefined ? { global, perInput } : { perInput };
}
