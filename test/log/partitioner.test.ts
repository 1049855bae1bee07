import { describe, expect, it } from 'vitest';
import {
  StickyPartitioner,
  murmur2,
  partitionForKey,
  toPositive,
} from '../../src/log/partitioner.js';

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('murmur2', () => {
  it("matches Kafka's UtilsTest.testMurmur2 vectors", () => {
    expect(murmur2(utf8('21'))).toBe(-973932308);
    expect(murmur2(utf8('foobar'))).toBe(-790332482);
    expect(murmur2(utf8('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(utf8('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(utf8('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(new Uint8Array([0x61, 0x62, 0x63]))).toBe(479470107);
  });

  // Printed by kafka-clients 3.9.1: Utils.murmur2(key) and BuiltInPartitioner.partitionForKey(key, n)
  // for n = 1, 2, 3, 6, 12, 100. Keys are hex; they cover every tail length, bytes ≥ 0x80 (signed
  // in Java), UTF-8 text and the 4- and 8-byte big-endian integers of ksqlDB's KAFKA key format.
  const PARTITION_COUNTS = [1, 2, 3, 6, 12, 100];
  const KAFKA_VECTORS: [string, number, number[]][] = [
    ['', 275646681, [0, 1, 0, 3, 9, 81]],
    ['61', -1563381124, [0, 0, 1, 4, 4, 24]],
    ['6162', 316155434, [0, 0, 2, 2, 2, 34]],
    ['616263', 479470107, [0, 1, 0, 3, 3, 7]],
    ['61626364', -1323649548, [0, 0, 2, 2, 8, 0]],
    ['6162636465', 461995741, [0, 1, 1, 1, 1, 41]],
    ['616263646566', 1870650108, [0, 0, 0, 0, 0, 8]],
    ['61626364656667', -346467175, [0, 1, 1, 1, 1, 73]],
    ['6162636465666768', -955427363, [0, 1, 0, 3, 9, 85]],
    ['6b6579', -1079937367, [0, 1, 1, 1, 1, 81]],
    ['3231', -973932308, [0, 0, 0, 0, 0, 40]],
    ['666f6f626172', -790332482, [0, 0, 0, 0, 6, 66]],
    ['757365722d31', 1404122828, [0, 0, 2, 2, 8, 28]],
    ['6f726465722d313030', -955961047, [0, 1, 1, 1, 1, 1]],
    ['414c494345', -1113235665, [0, 1, 2, 5, 11, 83]],
    ['5a6fc3ab', -1306457314, [0, 0, 1, 4, 10, 34]],
    ['e697a5e69cace8aa9ee381aee382ade383bc', -734675706, [0, 0, 2, 2, 2, 42]],
    ['612d6c6974746c652d6269742d6c6f6e672d737472696e67', -985981536, [0, 0, 2, 2, 8, 12]],
    ['ff', -311467685, [0, 1, 0, 3, 3, 63]],
    ['8081fe', 796990047, [0, 1, 0, 3, 3, 47]],
    ['ffffffff7f', -1869881886, [0, 0, 2, 2, 2, 62]],
    ['00000000', 850957120, [0, 0, 1, 4, 4, 20]],
    ['00000001', -173113808, [0, 0, 0, 0, 0, 40]],
    ['0000002a', 1606757304, [0, 0, 0, 0, 0, 4]],
    ['80000000', -65415266, [0, 0, 0, 0, 6, 82]],
    ['0000000000003039', 1590691725, [0, 1, 0, 3, 9, 25]],
    ['deadbeef010203', 571205928, [0, 0, 0, 0, 0, 28]],
  ];

  it.each(KAFKA_VECTORS)('key %s hashes and partitions as the Java client', (hex, hash, parts) => {
    const key = Buffer.from(hex, 'hex');
    expect(murmur2(key)).toBe(hash);
    expect(PARTITION_COUNTS.map((n) => partitionForKey(key, n))).toEqual(parts);
  });
});

describe('toPositive', () => {
  it('clears the sign bit rather than negating', () => {
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(5)).toBe(5);
  });
});

describe('StickyPartitioner', () => {
  it('stays on a partition for a batch worth of bytes, then moves round-robin', () => {
    const sticky = new StickyPartitioner(100);
    const chosen = Array.from({ length: 12 }, () => sticky.next(3, 40));
    expect(chosen).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 0, 0]);
  });

  it('wraps when the partition count shrinks', () => {
    const sticky = new StickyPartitioner(10);
    sticky.next(4, 10);
    sticky.next(4, 10);
    sticky.next(4, 10);
    expect(sticky.next(2, 10)).toBe(0);
    expect(sticky.next(2, 10)).toBe(1);
  });
});
