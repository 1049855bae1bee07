/**
 * Topics on disk: `<dataDir>/topics/<topic>/topic.json` (partitions, replicas, config) and one
 * directory of segments per partition, `<dataDir>/topics/<topic>/<partition>/`. A topic appears
 * and disappears by one directory rename, so a crash never leaves half a topic: it is built in
 * `<dataDir>/tmp/` and moved in, and moved out to `<dataDir>/trash/` before it is deleted.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExecutionError } from '../../common/errors.js';
import type { TopicInfo } from '../log.js';
import { StickyPartitioner } from '../partitioner.js';
import { fsyncDirSync } from './fs-util.js';
import { PartitionLog, type PartitionLogOptions } from './partition-log.js';
import type { ScanResult } from './segment.js';

const META_FILE = 'topic.json';
const LEGAL_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export interface TopicState {
  readonly info: TopicInfo;
  readonly dir: string;
  readonly partitions: readonly PartitionLog[];
  /** Where keyless records without a partition go. */
  readonly sticky: StickyPartitioner;
  deleted: boolean;
}

/** How partitions are opened: the log's defaults, which a topic's config may override. */
export interface StorageDefaults {
  readonly segmentBytes: number;
  readonly tailCacheBytes: number;
  readonly durable: boolean;
}

/** A torn or corrupt tail cut off a partition when it was opened. */
export interface TruncatedTail extends ScanResult {
  readonly topic: string;
  readonly partition: number;
}

/** Kafka's rule for topic names, which also keeps them safe as directory names. */
export function checkTopicName(name: string): void {
  if (!LEGAL_NAME.test(name) || name === '.' || name === '..') {
    throw new ExecutionError(
      `invalid topic name '${name}': use 1 to 249 of the characters a-z A-Z 0-9 . _ -`,
      { topic: name },
    );
  }
}

/** Opens every topic of the data directory; reports the tails cut off its partitions. */
export function loadTopics(
  dataDir: string,
  defaults: StorageDefaults,
): { topics: Map<string, TopicState>; truncated: TruncatedTail[] } {
  const root = path.join(dataDir, 'topics');
  fs.mkdirSync(root, { recursive: true });
  const topics = new Map<string, TopicState>();
  const truncated: TruncatedTail[] = [];
  for (const name of fs.readdirSync(root).sort()) {
    const dir = path.join(root, name);
    const metaFile = path.join(dir, META_FILE);
    if (!fs.existsSync(metaFile)) continue;
    const info = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as TopicInfo;
    const partitions: PartitionLog[] = [];
    for (let p = 0; p < info.partitions; p++) {
      const { log, scan } = PartitionLog.open(path.join(dir, String(p)), options(info, defaults));
      partitions.push(log);
      if (scan.truncatedBytes > 0) truncated.push({ topic: name, partition: p, ...scan });
    }
    topics.set(name, { info, dir, partitions, sticky: new StickyPartitioner(), deleted: false });
  }
  return { topics, truncated };
}

/** Creates the topic's directories and metadata, then moves them into place. */
export function createTopicFiles(
  dataDir: string,
  info: TopicInfo,
  defaults: StorageDefaults,
): TopicState {
  const scratch = path.join(dataDir, 'tmp', `${info.name}.${randomBytes(6).toString('hex')}`);
  fs.mkdirSync(scratch, { recursive: true });
  fs.writeFileSync(path.join(scratch, META_FILE), JSON.stringify(info, null, 2));
  for (let p = 0; p < info.partitions; p++) fs.mkdirSync(path.join(scratch, String(p)));
  if (defaults.durable) {
    for (let p = 0; p < info.partitions; p++) fsyncDirSync(path.join(scratch, String(p)));
    const fd = fs.openSync(path.join(scratch, META_FILE), 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fsyncDirSync(scratch);
  }
  const dir = path.join(dataDir, 'topics', info.name);
  fs.renameSync(scratch, dir);
  if (defaults.durable) fsyncDirSync(path.dirname(dir));
  const partitions = [];
  for (let p = 0; p < info.partitions; p++) {
    partitions.push(PartitionLog.open(path.join(dir, String(p)), options(info, defaults)).log);
  }
  return { info, dir, partitions, sticky: new StickyPartitioner(), deleted: false };
}

/** Closes the topic's files and removes its directory (first moved out of `topics/`). */
export function deleteTopicFiles(dataDir: string, topic: TopicState, durable: boolean): void {
  for (const p of topic.partitions) p.close();
  const trash = path.join(dataDir, 'trash');
  fs.mkdirSync(trash, { recursive: true });
  const moved = path.join(trash, `${topic.info.name}.${randomBytes(6).toString('hex')}`);
  fs.renameSync(topic.dir, moved);
  if (durable) fsyncDirSync(path.dirname(topic.dir));
  fs.rmSync(moved, { recursive: true, force: true });
}

/** Removes what a crash may have left in `tmp/` and `trash/`. */
export function clearScratch(dataDir: string): void {
  for (const dir of ['tmp', 'trash']) {
    fs.rmSync(path.join(dataDir, dir), { recursive: true, force: true });
  }
}

function options(info: TopicInfo, defaults: StorageDefaults): PartitionLogOptions {
  const configured = Number(info.config['segment.bytes']);
  return {
    segmentBytes:
      Number.isSafeInteger(configured) && configured > 0 ? configured : defaults.segmentBytes,
    tailCacheBytes: defaults.tailCacheBytes,
    durable: defaults.durable,
  };
}
