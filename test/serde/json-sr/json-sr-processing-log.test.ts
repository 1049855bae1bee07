/**
 * What JSON_SR checks on read, as ksqlDB's JSON_SR deserializer (JsonSerdeUtils.readJsonSR): the
 * magic byte, then the JSON text is read into the source's columns with the JSON format's
 * coercions. The schema id is skipped, not looked up, and the record is not validated against
 * the registered JSON schema; a value that does not fit its column still goes to the processing
 * log with the reason, and the query goes on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { writeFrame } from '../../../src/serde/schema-registry/wire-format.js';
import { openTestEngine, removeDir, type TestEngine } from '../../engine/helpers.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

const CITY = {
  type: 'object',
  properties: { city: { type: 'string' }, pop: { type: 'integer' } },
};

describe('JSON_SR records that do not match their schema', () => {
  it('go to the processing log with the reason when a value does not fit its column', async () => {
    t = await openTestEngine();
    const id = await t.engine.schemaRegistry.register('cities-value', {
      schemaType: 'JSON',
      schema: JSON.stringify(CITY),
      references: [],
    });
    await t.engine.log.createTopic('cities', { partitions: 1, replicas: 1 });
    const text = (s: string) => Buffer.from(s, 'utf8');
    await t.engine.log.append('cities', [
      { key: null, value: writeFrame(id, text('{"city":"Oslo","pop":"many"}')), timestamp: 1 },
      { key: null, value: writeFrame(id, text('[1,2]')), timestamp: 2 },
      { key: null, value: writeFrame(id, text('{"city":"Bergen",')), timestamp: 3 },
      { key: null, value: text('{"city":"Rome","pop":1}'), timestamp: 4 },
      // The schema says string, but a number reads into a STRING column, as in ksqlDB.
      { key: null, value: writeFrame(id, text('{"city":5,"pop":7}')), timestamp: 5 },
      // An id the registry does not know is not looked up on read.
      { key: null, value: writeFrame(id + 1000, text('{"city":"X","pop":1}')), timestamp: 6 },
    ]);
    const rows = await t.run(`
      SET 'auto.offset.reset' = 'earliest';
      CREATE STREAM cities WITH (kafka_topic='cities', value_format='JSON_SR');
      SELECT * FROM cities EMIT CHANGES;`);
    expect(rows).toEqual([
      { CITY: '5', POP: 7n },
      { CITY: 'X', POP: 1n },
    ]);
    const logged = await t.run(
      'SELECT message->deserializationerror->`OFFSET` AS off, message->deserializationerror->errorMessage AS msg FROM KSQL_PROCESSING_LOG EMIT CHANGES;',
    );
    expect(logged.map((r) => r.OFF)).toEqual([0n, 1n, 2n, 3n]);
    const reasons = logged.map((r) => String(r.MSG));
    expect(reasons[0]).toContain("Can't coerce string to type. targetType: BIGINT, path: $.POP");
    expect(reasons[1]).toContain("Can't convert type. sourceType: ArrayNode");
    expect(reasons[2]).toContain('Unexpected end-of-input');
    expect(reasons[3]).toMatch(/magic byte/i);
    for (const r of reasons) expect(r).toContain('Failed to deserialize value from topic: cities.');
  });
});
