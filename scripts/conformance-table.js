// `npm run conformance [-- --write] [-- --update-passing] [-- --qtt DIR]`: runs every QTT file of
// ../shared/conformance/qtt through the built runner (dist/, so run `npm run build` first) and
// prints the conformance table as Markdown. --write puts it in README.md between
// <!-- conformance:start --> and <!-- conformance:end -->; --update-passing rewrites
// test/conformance/passing.txt, the ratchet's list of passing cases, from this run.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const write = args.includes('--write');
const updatePassing = args.includes('--update-passing');
const qttIndex = args.indexOf('--qtt');
const qttDir =
  qttIndex >= 0 ? args[qttIndex + 1] : join(root, '..', 'shared', 'conformance', 'qtt');

const dist = join(root, 'dist', 'testing');
if (!existsSync(join(dist, 'suite.js'))) {
  console.error('conformance: dist/testing is missing; run `npm run build` first');
  process.exit(1);
}
if (!qttDir || !existsSync(qttDir)) {
  console.error(`conformance: no QTT files at ${qttDir ?? '(none given)'}`);
  process.exit(1);
}

const { runSuite } = await import(join(dist, 'suite.js'));
const { conformanceTable, withTable } = await import(join(dist, 'conformance-table.js'));
const { formatPassingList } = await import(join(dist, 'ratchet.js'));

const files = readdirSync(qttDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => join(qttDir, name));
// ksqlDB's test-only functions (TEST_UDF, BAD_UDF, …), loaded as ksqlDB's harness loads them.
const extensionsDir = join(root, 'test', 'conformance', 'ksqldb-test-functions');
const started = Date.now();
const result = await runSuite(files, { extensionsDir });
const table = conformanceTable(result.cases);
process.stdout.write(table);
console.error(
  `conformance: ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

if (write) {
  const readme = join(root, 'README.md');
  const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
  writeFileSync(readme, withTable(text, table));
  console.error('conformance: README.md updated');
}
if (updatePassing) {
  const file = join(root, 'test', 'conformance', 'passing.txt');
  writeFileSync(file, formatPassingList(result.cases));
  console.error(
    `conformance: ${result.passed} passing cases written to test/conformance/passing.txt`,
  );
}
