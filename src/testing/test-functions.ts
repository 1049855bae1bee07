/**
 * The functions a test run sees: the built-ins, plus the user functions of an extensions directory
 * when one is given (ksqlDB's test harness puts its test-only UDFs, such as TEST_UDF and BAD_UDF,
 * on its classpath; `streamsql test --extensions-dir DIR` loads such functions the way the engine
 * does). A file that fails to load is reported on stderr and skipped, as the engine does.
 */
import { loadExtensions } from '../functions/extensions/loader.js';
import { builtinRegistry, type MutableFunctionRegistry } from '../functions/registry.js';

export async function testFunctions(extensionsDir?: string): Promise<MutableFunctionRegistry> {
  const functions = builtinRegistry();
  if (extensionsDir === undefined) return functions;
  const dir = await loadExtensions(extensionsDir, functions);
  dir.close();
  for (const message of dir.files.values()) {
    if (message.error !== undefined) {
      process.stderr.write(`WARN extensions: ${message.file} was not loaded: ${message.error}\n`);
    }
  }
  return functions;
}
