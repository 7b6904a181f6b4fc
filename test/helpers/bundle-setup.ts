/**
 * Vitest's global setup: bundles the CLI (scripts/bundle.mjs, the same step as `npm run build`)
 * before any test starts it, so that the CLI tests run what ships, built from the sources under
 * test, even after a bare `tsc`.
 */
import { bundle } from '../../scripts/bundle.mjs';

export default async function setup(): Promise<void> {
  await bundle();
}
