/**
 * `streamsql topic produce|print|list`: moving records in and out of topics without SQL, for
 * loading data and inspecting what queries wrote.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { stringifyJson } from '../../engine/json-value.js';
import { recordViewer } from '../../engine/record-view.js';
import type { Log, ProducerRecord } from '../../log/log.js';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args.js';
import { openEngine, openLog } from '../open-engine.js';
import { renderTable } from '../output.js';
import { onStopSignal } from '../signals.js';
import { lineEncoder, recordEncoder } from '../record-encoder.js';
import { describeSourceFormats, sourceEncoders } from '../source-record-encoder.js';
import { INTEGER, BIGINT, STRING } from '../../common/sql-types.js';

export async function topicCommand(args: ParsedArgs): Promise<number> {
  const [sub, topic] = args.positional;
  switch (sub) {
    case 'produce':
      if (!topic) throw new UsageError('usage: streamsql topic produce TOPIC [--file F.jsonl]');
      return produce(args, topic);
    case 'print':
      if (!topic)
        throw new UsageError('usage: streamsql topic print TOPIC [--from-beginning] [--limit N]');
      return print(args, topic);
    case 'list':
      return list(args);
    default:
      throw new UsageError(`unknown topic command '${sub ?? ''}': use produce, print or list`);
  }
}

async function produce(args: ParsedArgs, topic: string): Promise<number> {
  const file = stringOption(args, 'file');
  const keyFormat = stringOption(args, 'key-format');
  const valueFormat = stringOption(args, 'value-format');
  // Without explicit formats the engine is opened, to find a stream or table on the topic.
  const engine =
    keyFormat === undefined && valueFormat === undefined
      ? await openEngine(args, () => undefined)
      : undefined;
  const log = engine?.log ?? (await openLog(args));
  try {
    const source = engine?.metastore.sourcesOnTopic(topic)[0];
    let encode: (line: string) => ProducerRecord;
    if (engine && source) {
      process.stderr.write(`Writing records in ${describeSourceFormats(source)}\n`);
      const { key, value } = sourceEncoders(source, engine.schemaRegistry);
      encode = lineEncoder(key, value);
    } else {
      encode = recordEncoder(keyFormat ?? 'KAFKA', valueFormat ?? 'JSON');
    }
    const partitions = Number(stringOption(args, 'partitions') ?? '1');
    if (!(await log.describeTopic(topic)))
      await log.createTopic(topic, { partitions, replicas: 1 });
    const input = createInterface({
      input: file ? createReadStream(file) : process.stdin,
      crlfDelay: Infinity,
    });
    let batch: ProducerRecord[] = [];
    let count = 0;
    let lineNo = 0;
    for await (const line of input) {
      lineNo++;
      if (line.trim() === '') continue;
      try {
        batch.push(encode(line));
      } catch (err) {
        process.stderr.write(`${file ?? 'stdin'}:${lineNo}: ${(err as Error).message}\n`);
        return 1;
      }
      if (batch.length >= 5000) {
        await log.append(topic, batch);
        count += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await log.append(topic, batch);
    count += batch.length;
    process.stderr.write(`Produced ${count} records to ${topic}\n`);
    return 0;
  } finally {
    if (engine) await engine.close();
    else await log.close();
  }
}

async function print(args: ParsedArgs, topic: string): Promise<number> {
  const engine = await openEngine(args, () => undefined);
  const stop = onStopSignal();
  try {
    const log: Log = engine.log;
    const info = await log.describeTopic(topic);
    if (!info) {
      process.stderr.write(`topic '${topic}' does not exist\n`);
      return 1;
    }
    const source = engine.metastore.sourcesOnTopic(topic)[0];
    const limit =
      stringOption(args, 'limit') === undefined ? Infinity : Number(stringOption(args, 'limit'));
    const positions = [
      ...(flag(args, 'from-beginning')
        ? await log.startOffsets(topic)
        : await log.endOffsets(topic)),
    ];
    let printed = 0;
    const viewOf = recordViewer(source, engine.schemaRegistry);
    for (;;) {
      let read = 0;
      for (let p = 0; p < positions.length && printed < limit; p++) {
        const records = await log.read(topic, p, positions[p]!, 1000);
        for (const r of records) {
          if (printed >= limit) break;
          const view = viewOf(r);
          const line = {
            partition: r.partition,
            offset: r.offset,
            timestamp: r.timestamp,
            key: view.key,
            value: view.value,
            ...(view.note ? { note: view.note } : {}),
          };
          process.stdout.write(`${stringifyJson(line)}\n`);
          printed++;
          positions[p] = r.offset + 1;
        }
        read += records.length;
      }
      if (printed >= limit || stop.stopped()) break;
      if (read === 0) {
        if (!flag(args, 'follow')) break;
        await log.waitForRecords([topic], 200);
      }
    }
    return 0;
  } finally {
    stop.dispose();
    await engine.close();
  }
}

async function list(args: ParsedArgs): Promise<number> {
  const log = await openLog(args);
  try {
    const rows: unknown[][] = [];
    for (const t of [...(await log.listTopics())].sort((a, b) => a.name.localeCompare(b.name))) {
      if (!flag(args, 'all') && t.name.startsWith('_')) continue;
      const ends = await log.endOffsets(t.name);
      const starts = await log.startOffsets(t.name);
      rows.push([
        t.name,
        t.partitions,
        BigInt(ends.reduce((s, e, p) => s + e - (starts[p] ?? 0), 0)),
      ]);
    }
    process.stdout.write(
      renderTable(
        [
          { name: 'Topic', type: STRING },
          { name: 'Partitions', type: INTEGER },
          { name: 'Records', type: BIGINT },
        ],
        rows,
      ),
    );
    return 0;
  } finally {
    await log.close();
  }
}
