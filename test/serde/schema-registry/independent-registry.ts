/**
 * Finding the independent schema registry the interop tests run against:
 * `STREAMSQL_SCHEMA_REGISTRY_URL` (set by `.ci/schema-registry.sh`, or by hand after
 * `test/schema-registry/start.sh`, which runs Apicurio Registry and prints its Confluent-compatible
 * URL). Without it, or when nothing answers there, the tests are skipped with a message saying how
 * to run them; with `STREAMSQL_SCHEMA_REGISTRY_REQUIRED=1` (CI) an unreachable registry fails them.
 */

export interface RegistryTarget {
  /** The registry's Confluent-compatible base URL, when it answers. */
  readonly url: string | undefined;
  /** Why the tests are skipped, when they are. */
  readonly skip: string | undefined;
}

async function answers(url: string): Promise<boolean> {
  try {
    const r = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(5000) });
    return r.status === 200;
  } catch {
    return false;
  }
}

/** The registry from STREAMSQL_SCHEMA_REGISTRY_URL, probed once. */
export async function registryTarget(): Promise<RegistryTarget> {
  const setting = process.env['STREAMSQL_SCHEMA_REGISTRY_URL'];
  if (!setting) {
    return {
      url: undefined,
      skip:
        'independent schema registry tests skipped: set STREAMSQL_SCHEMA_REGISTRY_URL to the URL ' +
        'that test/schema-registry/start.sh prints to run them',
    };
  }
  const url = setting.replace(/\/+$/, '');
  if (await answers(url)) return { url, skip: undefined };
  const message = `no schema registry answers at STREAMSQL_SCHEMA_REGISTRY_URL=${setting} (start one with test/schema-registry/start.sh)`;
  if (process.env['STREAMSQL_SCHEMA_REGISTRY_REQUIRED'] === '1') throw new Error(message);
  return { url: undefined, skip: `independent schema registry tests skipped: ${message}` };
}
