/**
 * URL functions (ksqlDB's udf/url): URL_ENCODE_PARAM, URL_DECODE_PARAM and the URL_EXTRACT_*
 * functions, which parse with java.net.URI's rules (util/java-uri.ts) and return NULL for an
 * absent part; a URL that does not parse fails the call, as in ksqlDB.
 */
import { ExecutionError } from '../../common/errors.js';
import type { FunctionDefinition } from '../definition.js';
import { Category, scalar } from './util/define.js';
import { decodeUriComponent, parseUri, UriSyntaxError, type JavaUri } from './util/java-uri.js';

type Str = string | null;

function withUri<T>(extract: (uri: JavaUri) => T): (url: Str) => T | null {
  return (url) => {
    if (url === null) return null;
    let uri: JavaUri;
    try {
      uri = parseUri(url);
    } catch (error) {
      if (error instanceof UriSyntaxError) {
        throw new ExecutionError(`URL input has invalid syntax: ${url}`);
      }
      throw error;
    }
    return extract(uri);
  };
}

/** Guava's UrlEscapers.urlFormParameterEscaper(). */
function encodeParam(input: Str): string {
  if (input === null) throw new ExecutionError('URL_ENCODE_PARAM does not accept NULL');
  let out = '';
  for (const c of input) {
    if (/^[A-Za-z0-9\-_.*]$/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else
      for (const byte of Buffer.from(c, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** URLDecoder.decode(input, UTF-8). */
function decodeParam(input: Str): Str {
  if (input === null) return null;
  let out = '';
  for (let i = 0; i < input.length;) {
    const c = input[i]!;
    if (c === '+') {
      out += ' ';
      i++;
    } else if (c === '%') {
      const bytes: number[] = [];
      while (i + 2 < input.length && input[i] === '%') {
        const hex = input.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
          throw new ExecutionError(
            `URLDecoder: Illegal hex characters in escape (%) pattern - ${hex}`,
          );
        }
        bytes.push(parseInt(hex, 16));
        i += 3;
      }
      if (i < input.length && input[i] === '%') {
        throw new ExecutionError('URLDecoder: Incomplete trailing escape (%) pattern');
      }
      out += Buffer.from(bytes).toString('utf8');
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function extractParameter(url: Str, name: Str): Str {
  const query = withUri((uri) => decodeUriComponent(uri.rawQuery))(url);
  if (query === null) return null;
  for (const param of query.split('&')) {
    const eq = param.indexOf('=');
    const key = eq < 0 ? param : param.slice(0, eq);
    if (key === name) return eq < 0 ? '' : param.slice(eq + 1);
  }
  return null;
}

function urlFunction(
  name: string,
  description: string,
  returns: string,
  impl: (url: Str) => unknown,
): FunctionDefinition {
  return scalar(name, Category.URL, description, [{ params: ['STRING input'], returns, impl }]);
}

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'url_encode_param',
    Category.URL,
    'Returns a version of the input with all URL sensitive characters encoded using the application/x-www-form-urlencoded standard.',
    [{ params: ['STRING input'], returns: 'STRING', impl: encodeParam }],
  ),
  scalar(
    'url_decode_param',
    Category.URL,
    'Decodes a previously encoded application/x-www-form-urlencoded String',
    [{ params: ['STRING input'], returns: 'STRING', impl: decodeParam }],
  ),
  urlFunction(
    'url_extract_fragment',
    'Extracts the fragment of an application/x-www-form-urlencoded encoded String input',
    'STRING',
    withUri((uri) => decodeUriComponent(uri.rawFragment)),
  ),
  urlFunction(
    'url_extract_host',
    'Extracts the host-name of an application/x-www-form-urlencoded encoded String input',
    'STRING',
    withUri((uri) => uri.host),
  ),
  scalar(
    'url_extract_parameter',
    Category.URL,
    'Extracts a parameter with a specified name encoded inside an application/x-www-form-urlencoded String.',
    [{ params: ['STRING input', 'STRING paramToFind'], returns: 'STRING', impl: extractParameter }],
  ),
  urlFunction(
    'url_extract_path',
    'Extracts the path of an application/x-www-form-urlencoded encoded String input',
    'STRING',
    withUri((uri) => decodeUriComponent(uri.rawPath)),
  ),
  urlFunction(
    'url_extract_port',
    'Extracts the port of an application/x-www-form-urlencoded encoded String input',
    'INT',
    withUri((uri) => (uri.port === -1 ? null : uri.port)),
  ),
  urlFunction(
    'url_extract_protocol',
    'Extracts the protocol of an application/x-www-form-urlencoded encoded String input',
    'STRING',
    withUri((uri) => uri.scheme),
  ),
  urlFunction(
    'url_extract_query',
    'Extracts the query of an application/x-www-form-urlencoded encoded String input',
    'STRING',
    withUri((uri) => decodeUriComponent(uri.rawQuery)),
  ),
];
