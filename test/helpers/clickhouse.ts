/**
 * The throw-away two-shard ClickHouse cluster of scripts/clickhouse-test.sh, for the tests that
 * need one: started in a temporary folder on free loopback ports, stopped (and removed) after.
 * `available` is false, with the reason, when clickhouse-server is not installed and cannot be.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli.js';

const SCRIPT = join(ROOT, 'scripts', 'clickhouse-test.sh');

export interface TestCluster {
  readonly url: string;
  readonly url2: string;
  /** The first server over https, its certificate signed by a throw-away CA (caFile); otherCaFile signed nothing. */
  readonly httpsUrl: string;
  readonly caFile: string;
  readonly otherCaFile: string;
  readonly cluster: string;
  readonly user: string;
  readonly passwordFile: string;
  stop(): void;
}

/** Installs the server when missing (as CI does); the reason when that is impossible. */
export function clickHouseUnavailable(): string | null {
  try {
    execFileSync(SCRIPT, ['install'], { stdio: ['ignore', 'ignore', 'pipe'] });
    return null;
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || 'clickhouse-server is not installed';
  }
}

export function startCluster(): TestCluster {
  const dir = mkdtempSync(join(tmpdir(), 'segment-ch-'));
  const out = execFileSync(SCRIPT, ['start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const env = Object.fromEntries(out.trim().split('\n').map((l) => l.split('=', 2) as [string, string]));
  return {
    url: env.CLICKHOUSE_URL!,
    url2: env.CLICKHOUSE_URL2!,
    httpsUrl: env.CLICKHOUSE_HTTPS_URL!,
    caFile: env.CLICKHOUSE_CA_FILE!,
    otherCaFile: env.CLICKHOUSE_OTHER_CA_FILE!,
    cluster: env.CLICKHOUSE_CLUSTER!,
    user: env.CLICKHOUSE_USER!,
    passwordFile: env.CLICKHOUSE_PASSWORD_FILE!,
    stop: () => execFileSync(SCRIPT, ['stop', dir], { stdio: 'ignore' }),
  };
}
