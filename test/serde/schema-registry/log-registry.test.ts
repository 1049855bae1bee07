import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMAS_TOPIC } from '../../../src/serde/schema-registry/log-registry.js';
import {
  RegistryError,
  type SchemaDefinition,
} from '../../../src/serde/schema-registry/registry.js';
import { openRegistry, type RegistryFixture } from './registry-fixture.js';

let f: RegistryFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const avro = (fields: object[]): SchemaDefinition => ({
  schemaType: 'AVRO',
  schema: JSON.stringify({ type: 'record', name: 'R', fields }),
  references: [],
});

describe('the log-backed schema registry', () => {
  it('hands out ids and versions, and shares an id between subjects for the same schema', async () => {
    f = await openRegistry();
    const r = f.registry;
    const v1 = avro([{ name: 'a', type: 'int' }]);
    const id1 = await r.register('t-value', v1);
    expect(await r.register('t-value', v1)).toBe(id1);
    expect(await r.register('u-value', v1)).toBe(id1);
    const v2 = avro([
      { name: 'a', type: 'int' },
      { name: 'b', type: 'string', default: 'x' },
    ]);
    const id2 = await r.register('t-value', v2);
    expect(id2).not.toBe(id1);
    expect(await r.versions('t-value')).toEqual([1, 2]);
    expect((await r.subjectVersion('t-value', 'latest'))?.id).toBe(id2);
    expect((await r.lookup('t-value', v1))?.version).toBe(1);
    expect(await r.subjects()).toEqual(['t-value', 'u-value']);
    expect(await r.subjectVersionsForId(id1)).toEqual([
      { subject: 't-value', version: 1 },
      { subject: 'u-value', version: 1 },
    ]);
  });

  it('refuses an incompatible schema under BACKWARD, and accepts it under NONE', async () => {
    f = await openRegistry();
    const r = f.registry;
    await r.register('t-value', avro([{ name: 'a', type: 'int' }]));
    const breaking = avro([
      { name: 'a', type: 'int' },
      { name: 'c', type: 'string' },
    ]);
    expect((await r.testCompatibility('t-value', breaking)).compatible).toBe(false);
    await expect(r.register('t-value', breaking)).rejects.toBeInstanceOf(RegistryError);
    await r.setCompatibility('NONE', 't-value');
    expect(await r.compatibility('t-value')).toBe('NONE');
    expect(await r.compatibility()).toBe('BACKWARD');
    await r.register('t-value', breaking);
    expect(await r.versions('t-value')).toEqual([1, 2]);
  });

  it('keeps everything in its _schemas topic, so a reopened registry knows it', async () => {
    f = await openRegistry();
    expect(await f.log.describeTopic(SCHEMAS_TOPIC)).toBeUndefined();
    const id = f.registry.sync.ensureRegistered('t-key', {
      schemaType: 'AVRO',
      schema: '"string"',
      references: [],
    });
    await f.registry.register('t-value', avro([{ name: 'a', type: 'int' }]), { id: 100 });
    await f.registry.flush();
    expect(await f.log.describeTopic(SCHEMAS_TOPIC)).toBeDefined();
    const again = await f.reopen();
    expect(again.sync.schemaById(id)?.schema).toBe('"string"');
    expect(again.sync.subjectVersion('t-value', 'latest')?.id).toBe(100);
  });

  it('soft-deletes, then permanently deletes a subject', async () => {
    f = await openRegistry();
    const r = f.registry;
    await r.register('t-value', avro([{ name: 'a', type: 'int' }]));
    await expect(r.deleteSubject('t-value', true)).rejects.toThrow(/not deleted first/);
    expect(await r.deleteSubject('t-value')).toEqual([1]);
    expect(await r.subjects()).toEqual([]);
    expect(await r.subjects(true)).toEqual(['t-value']);
    expect(await r.deleteSubject('t-value', true)).toEqual([1]);
    expect(await r.subjects(true)).toEqual([]);
  });

  it('refuses schemas that do not parse, with error code 42201', async () => {
    f = await openRegistry();
    const err = await f.registry
      .register('t-value', { schemaType: 'PROTOBUF', schema: 'message {', references: [] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).code).toBe(42201);
  });
});
