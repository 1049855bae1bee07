/**
 * The 1M-key table: a CTAS (LATEST_BY_OFFSET per key over a 1M-key topic) materialized in a
 * changelog-backed state store, on disk in `<data-dir>/state` as the CLI keeps it. Measures the
 * RSS of the process holding it (split into anonymous memory and the file-backed pages of the
 * memory-mapped store file), the pull-query lookup rate against it (workload d: read from the
 * CTAS store itself), and, in a
 * fresh process, the time to restore it: from its store files (a normal restart) or from an
 * empty state directory (the whole changelog replayed).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StatementResult } from '../../src/engine/results.js';
import { openEngine, topicCount } from './embedded.js';
import { prng } from './generate.js';
import { EMBEDDED_TOPICS, pullSql, querySql, sourcesSql } from './workloads.js';

export const TABLE_1M = 'PROFILES_1M';

export interface Table1mArgs {
  readonly dataDir: string;
  /** Pull lookups stop after this many seconds (after at least `minLookups`) … */
  readonly lookupBudgetS: number;
  readonly minLookups: number;
  /** … or after this many. */
  readonly maxLookups: number;
}

export interface PullResult {
  readonly lookups: number;
  readonly found: number;
  readonly seconds: number;
  readonly lookupsPerS: number;
  readonly p50Ms: number;
  /** The first lookup, untimed in the rate (it compiles the pull query's path). */
  readonly firstMs: number;
}

/** What the process holds, from /proc/self/status (MiB); zeros where there is no /proc. */
export interface MemorySplit {
  /** Anonymous memory: the heap, native allocations, stacks. */
  readonly anonMb: number;
  /** Pages of mapped files (the LMDB store files, the code): the kernel can drop them. */
  readonly fileMb: number;
  readonly shmemMb: number;
}

export interface Table1mResult {
  readonly keys: number;
  readonly buildSeconds: number;
  /** After the CTAS drained and a full GC. */
  readonly rssMb: number;
  readonly memory: MemorySplit;
  /** After the pull lookups (which read the table's pull view). */
  readonly rssAfterPullMb: number;
  readonly memoryAfterPull: MemorySplit;
  readonly heapUsedMb: number;
  /** Before the CTAS started (the engine with its sources declared, nothing materialized). */
  readonly baselineRssMb: number;
  readonly pull: PullResult;
}

export interface RestoreResult {
  readonly seconds: number;
  readonly rssMb: number;
  readonly memory: MemorySplit;
  readonly heapUsedMb: number;
  /** Whether the state directory was emptied first (the whole changelog replayed). */
  readonly fromEmptyStateDir: boolean;
}

export async function buildTable1m(args: Table1mArgs): Promise<Table1mResult> {
  const { engine, log } = await openEngine(args.dataDir);
  try {
    await engine.executeScript(sourcesSql(EMBEDDED_TOPICS));
    const keys = await topicCount(log, EMBEDDED_TOPICS.profiles);
    const baselineRssMb = settledRssMb();
    const t0 = performance.now();
    await engine.executeScript(querySql('profiles_table', TABLE_1M));
    await engine.drain();
    const buildSeconds = (performance.now() - t0) / 1000;
    const rssMb = settledRssMb();
    const memory = memorySplit();
    const heapUsedMb = process.memoryUsage().heapUsed / 2 ** 20;
    const pull = await pullLookups(args, keys, (sql) => engine.executeScript(sql));
    const rssAfterPullMb = settledRssMb();
    const memoryAfterPull = memorySplit();
    return {
      keys,
      buildSeconds,
      rssMb,
      memory,
      rssAfterPullMb,
      memoryAfterPull,
      heapUsedMb,
      baselineRssMb,
      pull,
    };
  } finally {
    await engine.close();
  }
}

type Execute = (sql: string) => Promise<readonly StatementResult[]>;

async function pullLookups(args: Table1mArgs, keys: number, execute: Execute): Promise<PullResult> {
  const rand = prng(7);
  const times: number[] = [];
  let found = 0;
  const first = performance.now();
  await execute(pullSql(TABLE_1M, 'Profile_0'));
  const firstMs = performance.now() - first;
  const t0 = performance.now();
  while (times.length < args.maxLookups) {
    const elapsed = (performance.now() - t0) / 1000;
    if (times.length >= args.minLookups && elapsed >= args.lookupBudgetS) break;
    const id = `Profile_${Math.floor(rand() * keys)}`;
    const start = performance.now();
    const [result] = await execute(pullSql(TABLE_1M, id));
    times.push(performance.now() - start);
    if (result?.kind === 'table' && result.rows.length === 1) found++;
  }
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return {
    lookups: times.length,
    found,
    seconds,
    lookupsPerS: times.length / seconds,
    p50Ms: times[Math.floor(times.length / 2)] ?? 0,
    firstMs,
  };
}

/**
 * Opens the data directory again: the command topic is replayed and the store restored, from
 * its files, or, with `emptyStateDir`, from its whole changelog after the state directory was
 * deleted. One lookup afterwards (untimed) checks that the table came back.
 */
export async function restoreTable1m(args: {
  readonly dataDir: string;
  readonly emptyStateDir?: boolean;
}): Promise<RestoreResult> {
  const fromEmptyStateDir = args.emptyStateDir === true;
  if (fromEmptyStateDir) rmSync(join(args.dataDir, 'state'), { recursive: true, force: true });
  const t0 = performance.now();
  const { engine } = await openEngine(args.dataDir);
  try {
    const seconds = (performance.now() - t0) / 1000;
    const query = [...engine.queries.values()][0];
    if (!query || query.state !== 'RUNNING')
      throw new Error(`the ${TABLE_1M} query did not come back`);
    const rssMb = settledRssMb();
    const memory = memorySplit();
    const heapUsedMb = process.memoryUsage().heapUsed / 2 ** 20;
    const [found] = await engine.executeScript(pullSql(TABLE_1M, 'Profile_1'));
    if (found?.kind !== 'table' || found.rows.length !== 1)
      throw new Error(`the restored ${TABLE_1M} has no row for Profile_1`);
    return { seconds, rssMb, memory, heapUsedMb, fromEmptyStateDir };
  } finally {
    await engine.close();
  }
}

/** RssAnon, RssFile and RssShmem of /proc/self/status, in MiB. */
export function memorySplit(): MemorySplit {
  let status = '';
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    // Not Linux: no split.
  }
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return {
    anonMb: kb('RssAnon') / 1024,
    fileMb: kb('RssFile') / 1024,
    shmemMb: kb('RssShmem') / 1024,
  };
}

/** RSS after a full collection (the worker runs with --expose-gc), in MiB. */
export function settledRssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage.rss() / 2 ** 20;
}
