/**
 * Running a benchmark's commands: each in a fresh process, wall time from spawn to exit and peak
 * RSS, one command at a time (measure) or several in turn, run after run (measureAlternating).
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface Case {
  readonly name: string;
  readonly what: string;
  readonly command: readonly string[];
  /** Where the command's stdout goes: a file (the result) or nowhere. */
  readonly stdout: 'file' | 'ignore';
}

export interface Measured {
  readonly seconds: number[];
  readonly peakKb: number[];
  readonly failed: string | null;
}

export const hasGnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;

/** Peak RSS (VmHWM) of a running process, in KB, or 0 once it is gone. */
function vmHwm(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs a command once: wall time from spawn to exit, and peak RSS of the whole process, from GNU
 * time (exact: the kernel's maximum) where it exists, else by polling /proc.
 */
export async function runOnce(c: Case, outFile: string): Promise<{ seconds: number; peakKb: number; error: string | null }> {
  const statsFile = `${outFile}.time`;
  const [cmd, ...args] = hasGnuTime ? ['/usr/bin/time', '-o', statsFile, '-f', '%M', ...c.command] : c.command;
  const out = c.stdout === 'file' ? openSync(outFile, 'w') : 'ignore';
  const started = performance.now();
  const child = spawn(cmd!, args, { stdio: ['ignore', out, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  let polled = 0;
  const poll = hasGnuTime ? undefined : setInterval(() => (polled = Math.max(polled, vmHwm(child.pid ?? 0))), 20);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const seconds = (performance.now() - started) / 1000;
  if (poll) clearInterval(poll);
  if (typeof out === 'number') closeSync(out);
  let peakKb = polled;
  if (hasGnuTime && existsSync(statsFile)) {
    const lines = readFileSync(statsFile, 'utf8').trim().split('\n');
    peakKb = Number(lines[lines.length - 1]) || 0;
    rmSync(statsFile);
  }
  const error = code === 0 ? null : `exit ${code}: ${stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
  return { seconds, peakKb, error };
}

export async function measure(c: Case, runs: number, work: string): Promise<Measured> {
  const seconds: number[] = [];
  const peakKb: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(c, join(work, `${c.name}.out`));
    if (r.error) return { seconds, peakKb, failed: r.error };
    seconds.push(r.seconds);
    peakKb.push(r.peakKb);
    process.stderr.write(`bench: ${c.name} run ${i + 1}/${runs}: ${r.seconds.toFixed(2)} s, ${(r.peakKb / 1024).toFixed(0)} MB\n`);
  }
  return { seconds, peakKb, failed: null };
}

/**
 * Several commands, run after run in turn (a, b, c, a, b, c, …), so that a change of the machine's
 * load hits them alike: for before/after and the floor on a shared machine.
 */
export async function measureAlternating(cases: readonly Case[], runs: number, work: string): Promise<Measured[]> {
  const results = cases.map((): { seconds: number[]; peakKb: number[]; failed: string | null } => ({ seconds: [], peakKb: [], failed: null }));
  for (let i = 0; i < runs; i++) {
    for (const [k, c] of cases.entries()) {
      const m = results[k]!;
      if (m.failed) continue;
      const r = await runOnce(c, join(work, `${c.name}.out`));
      if (r.error) {
        m.failed = r.error;
        continue;
      }
      m.seconds.push(r.seconds);
      m.peakKb.push(r.peakKb);
    }
    process.stderr.write(`bench: start-up round ${i + 1}/${runs}\n`);
  }
  return results;
}
