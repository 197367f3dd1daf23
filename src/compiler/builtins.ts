/**
 * The builtin functions the compiler knows: OPA name → number of arguments. The checker rejects calls
 * to anything else (`rego_type_error: undefined function <name>`) and uses the arity to recognise the
 * output-argument form (`count(xs, n)` ≡ `n = count(xs)`). The WASM back end decides for each one
 * whether the runtime implements it or the host does (through `opa_builtinN` and `builtins()`).
 * Names and arities follow OPA's builtin reference (openpolicyagent.org/docs/policy-reference).
 */
export const BUILTINS: Readonly<Record<string, number>> = {
  // operators (infix forms map to these names)
  equal: 2, neq: 2, lt: 2, lte: 2, gt: 2, gte: 2,
  plus: 2, minus: 2, mul: 2, div: 2, rem: 2,
  and: 2, or: 2,
  'internal.member_2': 2, 'internal.member_3': 3,
  // print(a, b, ...) as OPA rewrites it: one array of sets, each empty when its operand is undefined.
  // Only the test runner (src/tester) writes such calls, and serves the builtin on the host.
  'internal.print': 1,
  // numbers and aggregates
  count: 1, sum: 1, product: 1, max: 1, min: 1, sort: 1,
  abs: 1, round: 1, ceil: 1, floor: 1, to_number: 1, 'numbers.range': 2, 'numbers.range_step': 3, format_int: 2,
  // strings
  concat: 2, contains: 2, startswith: 2, endswith: 2, lower: 1, upper: 1, split: 2, replace: 3,
  trim: 2, trim_space: 1, trim_prefix: 2, trim_suffix: 2, trim_left: 2, trim_right: 2,
  substring: 3, indexof: 2, indexof_n: 2, sprintf: 2,
  'strings.any_prefix_match': 2, 'strings.any_suffix_match': 2, 'strings.reverse': 1, 'strings.count': 2,
  'strings.replace_n': 2, 'strings.split_n': 3,
  // bits
  'bits.and': 2, 'bits.or': 2, 'bits.xor': 2, 'bits.negate': 1, 'bits.lsh': 2, 'bits.rsh': 2,
  'regex.match': 2, 'glob.match': 3,
  'regex.is_valid': 1, 'regex.find_n': 3, 'regex.find_all_string_submatch_n': 3, 'regex.replace': 3, 'regex.split': 2,
  // objects, arrays, sets
  'object.get': 3, 'object.keys': 1, 'object.union': 2, 'object.union_n': 1, 'object.remove': 2, 'object.filter': 2,
  'object.subset': 2,
  // a relation: the runtime returns every [path, value] pair and the planner iterates over them
  walk: 1,
  'array.concat': 2, 'array.slice': 3, 'array.reverse': 1, 'array.flatten': 1,
  union: 1, intersection: 1,
  // encoding
  'json.marshal': 1, 'json.unmarshal': 1, 'json.is_valid': 1, 'json.filter': 2, 'json.remove': 2,
  'base64.encode': 1, 'base64.decode': 1, 'base64.is_valid': 1,
  'base64url.encode': 1, 'base64url.encode_no_pad': 1, 'base64url.decode': 1,
  'hex.encode': 1, 'hex.decode': 1,
  'crypto.md5': 1, 'crypto.sha1': 1, 'crypto.sha256': 1,
  'crypto.hmac.md5': 2, 'crypto.hmac.sha1': 2, 'crypto.hmac.sha256': 2, 'crypto.hmac.sha512': 2, 'crypto.hmac.equal': 2,
  // URL query strings (host)
  'urlquery.encode': 1, 'urlquery.decode': 1, 'urlquery.encode_object': 1, 'urlquery.decode_object': 1,
  // JSON web tokens (host)
  'io.jwt.decode': 1, 'io.jwt.verify_hs256': 2, 'io.jwt.verify_hs384': 2, 'io.jwt.verify_hs512': 2,
  // networks (host)
  'net.cidr_contains': 2, 'net.cidr_intersects': 2, 'net.cidr_is_valid': 1, 'net.cidr_expand': 1,
  // semantic versions (host)
  'semver.compare': 2, 'semver.is_valid': 1,
  // host builtins of the project (see HOST_NAMES)
  'yaml.marshal': 1, 'yaml.unmarshal': 1, 'yaml.is_valid': 1,
  // time (host: now_ns is constant within one evaluation)
  'time.now_ns': 0, 'time.date': 1,
  // graphs (host)
  'graph.reachable': 2,
  // units (host: exact numbers as OPA computes them)
  'units.parse': 1, 'units.parse_bytes': 1,
  // types
  is_string: 1, is_number: 1, is_boolean: 1, is_array: 1, is_object: 1, is_set: 1, is_null: 1,
  type_name: 1,
};

/**
 * OPA-exact host builtins of the project, under their own names in the module's builtins() map when
 * compiled with `opaExactBuiltins` (`apg build --opa-exact-builtins`, the checker's pack, the test
 * runner, the conformance harness): the SDK's own implementations take precedence over custom ones
 * of the same name, and its YAML ones differ from OPA (no multi-document text, undefined instead of
 * false for non-strings), so the project's loader provides these under these names
 * (src/opa/host-builtins.ts). Without the option the module names OPA's builtins, which the plain SDK
 * serves as it serves an `opa build` module.
 */
export const HOST_NAMES: Readonly<Record<string, string>> = {
  'yaml.marshal': 'apg.yaml.marshal',
  'yaml.unmarshal': 'apg.yaml.unmarshal',
  'yaml.is_valid': 'apg.yaml.is_valid',
  'regex.split': 'apg.regex.split',
};

/**
 * The builtins the plain @open-policy-agent/opa-wasm SDK (1.10.0, its src/builtins) implements for a
 * module, by OPA's names. A module whose other host builtins (HOST_NAMES aside: regex.match,
 * base64.*, net.*, ...) are called needs the project's loader (src/opa/load.ts); `apg build` says so.
 */
export const SDK_BUILTINS: ReadonlySet<string> = new Set([
  'json.is_valid', 'sprintf', 'regex.split', 'yaml.is_valid', 'yaml.marshal', 'yaml.unmarshal',
]);

/**
 * OPA builtins the compiler cannot provide (they need the network, randomness or OPA's runtime),
 * known by name and arity so that a policy may replace them with `with` (`with http.send as
 * mock`, the documented way to test such policies). A call that is not replaced is a compile
 * error `unsupported: builtin <name>` (src/compiler/planner), never a wrong result.
 */
export const UNAVAILABLE: Readonly<Record<string, number>> = {
  'http.send': 1, 'opa.runtime': 0, 'net.lookup_ip_addr': 1, 'rand.intn': 2, 'uuid.rfc4122': 1,
  'io.jwt.decode_verify': 2, 'trace': 1,
};

/** Host builtins whose OPA result is a set: the host returns an array, which the module turns into a set. */
export const SET_RESULTS: ReadonlySet<string> = new Set(['net.cidr_expand', 'graph.reachable']);

/** Builtins that are relations (several results per call): the call iterates over its results. */
export const RELATIONS: ReadonlySet<string> = new Set(['walk']);

export function builtinArity(name: string): number | undefined {
  if (Object.prototype.hasOwnProperty.call(BUILTINS, name)) return BUILTINS[name];
  return Object.prototype.hasOwnProperty.call(UNAVAILABLE, name) ? UNAVAILABLE[name] : undefined;
}
