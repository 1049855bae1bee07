/**
 * The 1M-key table: a CTAS (LATEST_BY_OFFSET per key over a 1M-key topic) materialized in a
 * changelog-backed state store. Measures the RSS of the process holding it, the pull-query
 * lookup rate against it (workload d), and, in a fresh process, the time to restore it.
 */
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
  /** The first lookup, untimed in the rate: it reads the table's topic into the pull view. */
  readonly firstMs: number;
}

export interface Table1mResult {
  readonly keys: number;
  readonly buildSeconds: number;
  /** After the CTAS drained and a full GC. */
  readonly rssMb: number;
  readonly heapUsedMb: number;
  /** Before the CTAS started (the engine with its sources declared, nothing materialized). */
  readonly baselineRssMb: number;
  readonly pull: PullResult;
}

export interface RestoreResult {
  readonly seconds: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
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
    const heapUsedMb = process.memoryUsage().heapUsed / 2 ** 20;
    const pull = await pullLookups(args, keys, (sql) => engine.executeScript(sql));
    return { keys, buildSeconds, rssMb, heapUsedMb, baselineRssMb, pull };
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

/** Opens the data directory again: the command topic is replayed and the store restored. */
export async function restoreTable1m(args: { readonly dataDir: string }): Promise<RestoreResult> {
  const t0 = performance.now();
  const { engine } = await openEngine(args.dataDir);
  try {
    const seconds = (performance.now() - t0) / 1000;
    const query = [...engine.queries.values()][0];
    if (!query || query.state !== 'RUNNING')
      throw new Error(`the ${TABLE_1M} query did not come back`);
    return { seconds, rssMb: settledRssMb(), heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20 };
  } finally {
    await engine.close();
  }
}

/** RSS after a full collection (the worker runs with --expose-gc), in MiB. */
export function settledRssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage.rss() / 2 ** 20;
}
