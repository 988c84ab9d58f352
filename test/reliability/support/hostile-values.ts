// fast-check arbitraries for hostile input: strings, JSON bodies, content types, query strings and path segments.
import fc from 'fast-check'

/** Strings that have broken parsers, queries, paths and templates elsewhere. */
const NOTORIOUS = [
  '',
  ' ',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '\u202Eevil',
  '"><script>alert(1)</script>',
  "' OR 1=1 --",
  "Robert'); DROP TABLE users;--",
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  '-1',
  '1e309',
  '0x10',
  '１２３',
  'https://127.0.0.1',
  'http://169.254.169.254/latest/meta-data',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'A'.repeat(300),
  'x'.repeat(20_000),
]

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NOTORIOUS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
)

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(-1, 0, 2 ** 53, -(2 ** 31), 1e308)) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }) },
)

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

/** A request body as text: shaped like the schema's fields but with hostile values, or plainly broken. */
export function hostileBody(fieldNames: readonly string[]): fc.Arbitrary<string> {
  const fields = [...new Set([...fieldNames, '__proto__', 'constructor'])]
  const shaped = fc.dictionary(fc.constantFrom(...fields), hostileValue, { maxKeys: fields.length })
  return fc.oneof(
    { weight: 5, arbitrary: shaped.map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        '{',
        '{"a":',
        '[]',
        'null',
        '"text"',
        '42',
        '{"__proto__":{"siteAdmin":true}}',
        '{"constructor":{"prototype":{"polluted":1}}}',
        '\uFEFF{}',
        '{"name":"a"} trailing',
        '{"name":"a","name":{"$gt":""}}',
        nested(5_000),
        `{"name":${nested(500)}}`,
        JSON.stringify({ projectKeys: Array.from({ length: 5_000 }, (_, i) => `K${i}`) }),
      ),
    },
  )
}

export const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/vnd.api+json',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----hostile',
  'multipart/form-data',
  'image/png',
  'application/json, text/plain',
  '',
)

/** A query string (with its `?`), well-formed or not. */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom('startAt', 'limit', 'query', 'cursor', 'before', 'full', 'companyId', 'email', 'projectKey', '__proto__'), hostileString), hostileString), { maxLength: 4 })
    .map((pairs) => `?${new URLSearchParams(pairs).toString()}`),
  fc.constantFrom('?%ZZ=1', '?a=%', '?&&&=&', '?startAt=-5&startAt=7', '?limit=1e309', '?query=%00%00', `?q=${'x'.repeat(10_000)}`, '?cursor[]=1&cursor[a]=2'),
)

/** A path segment: a valid value, a random id, an encoded hostile string, or raw encoding tricks. */
export function hostileSegment(valid: string | undefined): fc.Arbitrary<string> {
  const options: fc.WeightedArbitrary<string>[] = [
    // Lone surrogates cannot be percent-encoded: they travel as U+FFFD, as a browser would send them.
    { weight: 3, arbitrary: hostileString.filter((s) => s.length > 0).map((s) => encodeURIComponent(Buffer.from(s).toString())) },
    { weight: 1, arbitrary: fc.uuid().map((id) => id) },
    { weight: 2, arbitrary: fc.constantFrom('%ZZ', '%', '..', '.', '%2e%2e', 'a%2Fb', '%00', '%C0%AE', '%FF%FE', '%E2%80%AE', ';x=1', 'A'.repeat(5_000)) },
  ]
  if (valid !== undefined) options.push({ weight: 3, arbitrary: fc.constant(encodeURIComponent(valid)) })
  return fc.oneof(...options)
}
