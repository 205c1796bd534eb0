/**
 * Dynamic (JSON) functions: arrays, bags, sets. Dynamic values are DuckDB JSON.
 * Arrays are handled as JSON[] lists (`hb_arr`), bags as MAP(VARCHAR, JSON) (`hb_bag`);
 * results go back to JSON with to_json. A value of the wrong shape gives null, as in Kusto.
 */
import { UnsupportedFeature } from '../../../errors.ts';
import { toDynamicSql } from '../coerce.ts';
import { str } from '../quote.ts';
import { type Arg, type ScalarEmitter } from '../types.ts';

/** TEMP macros the dynamic functions rely on (appended to DUCKDB_PRELUDE). */
export const DYNAMIC_PRELUDE: readonly string[] = [
  // a JSON array as a list of JSON values (null when not an array); JSON nulls become SQL NULLs
  `CREATE OR REPLACE TEMP MACRO hb_arr(j) AS TRY_CAST(j AS JSON[])`,
  // a JSON object as a map (null when not an object)
  `CREATE OR REPLACE TEMP MACRO hb_bag(j) AS TRY_CAST(j AS MAP(VARCHAR, JSON))`,
  `CREATE OR REPLACE TEMP MACRO hb_json_num(x) AS json_type(x) IN ('UBIGINT', 'BIGINT', 'DOUBLE')`,
  // equality of two JSON values: numbers by value, everything else by (minified) text
  `CREATE OR REPLACE TEMP MACRO hb_json_eq(x, y) AS
     CASE WHEN hb_json_num(x) AND hb_json_num(y) THEN CAST(x AS DOUBLE) = CAST(y AS DOUBLE) ELSE json(x) = json(y) END`,
  // distinct elements of a list, first occurrence order kept
  `CREATE OR REPLACE TEMP MACRO hb_distinct(l) AS
     list_filter(l, lambda _hb_e, _hb_i: list_position(list_transform(l, lambda _hb_f: json(_hb_f)), json(_hb_e)) = _hb_i)`,
  `CREATE OR REPLACE TEMP MACRO hb_has_elem(l, v) AS len(list_filter(l, lambda _hb_e: hb_json_eq(_hb_e, v))) > 0`,
  // sort key of a JSON value: numbers, then bools, then strings, then the rest; nulls stay NULL
  `CREATE OR REPLACE TEMP MACRO hb_sort_key(x) AS
     CASE WHEN x IS NULL OR json_type(x) = 'NULL' THEN NULL ELSE struct_pack(
       t := CASE WHEN hb_json_num(x) THEN 0 WHEN json_type(x) = 'BOOLEAN' THEN 1 WHEN json_type(x) = 'VARCHAR' THEN 2 ELSE 3 END,
       n := CASE WHEN hb_json_num(x) THEN CAST(x AS DOUBLE) END,
       s := CASE WHEN json_type(x) IN ('ARRAY', 'OBJECT') THEN CAST(x AS VARCHAR) ELSE json_extract_string(x, '$') END,
       v := x) END`,
  // Kusto index -> 0-based index clamped into [0, n]: negative values count from the end
  `CREATE OR REPLACE TEMP MACRO hb_index(i, n) AS CASE WHEN i IS NOT NULL THEN least(greatest(CASE WHEN i < 0 THEN i + n ELSE i END, 0), n) END`,
  `CREATE OR REPLACE TEMP MACRO hb_array_slice(a, s, e) AS
     CASE WHEN hb_arr(a) IS NULL OR s IS NULL OR e IS NULL THEN NULL ELSE to_json(list_slice(hb_arr(a),
       hb_index(s, len(hb_arr(a))) + 1, least(CASE WHEN e < 0 THEN e + len(hb_arr(a)) ELSE e END, len(hb_arr(a)) - 1) + 1)) END`,
  `CREATE OR REPLACE TEMP MACRO hb_array_index_of(a, v, s, n, occ) AS
     CASE WHEN hb_arr(a) IS NULL OR s IS NULL OR n IS NULL OR occ IS NULL OR occ < 0 OR n < -1 THEN NULL ELSE COALESCE(
       list_filter(range(hb_index(s, len(hb_arr(a))),
                         CASE WHEN n = -1 THEN len(hb_arr(a)) ELSE least(hb_index(s, len(hb_arr(a))) + n, len(hb_arr(a))) END),
                   lambda _hb_i: hb_json_eq(hb_arr(a)[_hb_i + 1], v))[occ], -1) END`,
  // the permutation (0-based positions) that sorts a list by the JSON sort key; nulls first or last
  `CREATE OR REPLACE TEMP MACRO hb_sort_perm(l, dir, nulls_first) AS
     list_concat(
       CASE WHEN nulls_first THEN list_filter(range(len(l)), lambda _hb_i: hb_sort_key(l[_hb_i + 1]) IS NULL) ELSE [] END,
       list_transform(list_sort(list_transform(list_filter(range(len(l)), lambda _hb_i: hb_sort_key(l[_hb_i + 1]) IS NOT NULL),
         lambda _hb_i: struct_pack(k := hb_sort_key(l[_hb_i + 1]), i := _hb_i)), dir), lambda _hb_s: _hb_s.i),
       CASE WHEN nulls_first THEN [] ELSE list_filter(range(len(l)), lambda _hb_i: hb_sort_key(l[_hb_i + 1]) IS NULL) END)`,
  `CREATE OR REPLACE TEMP MACRO hb_permute(l, p) AS to_json(list_transform(p, lambda _hb_p: l[_hb_p + 1]))`,
  `CREATE OR REPLACE TEMP MACRO hb_array_sum(a) AS
     CASE WHEN hb_arr(a) IS NULL THEN NULL
          WHEN COALESCE(list_bool_and(list_transform(hb_arr(a), lambda _hb_e: COALESCE(hb_json_num(_hb_e), FALSE))), TRUE)
          THEN COALESCE(list_sum(list_transform(hb_arr(a), lambda _hb_e: CAST(_hb_e AS DOUBLE))), 0.0)
          ELSE NULL END`,
  // element of an array or the scalar itself (array_iff's branches)
  `CREATE OR REPLACE TEMP MACRO hb_elem_or(x, i) AS CASE WHEN json_type(x) = 'ARRAY' THEN json_extract(x, '$[' || i || ']') ELSE x END`,
  `CREATE OR REPLACE TEMP MACRO hb_json_bool(x) AS
     CASE json_type(x) WHEN 'BOOLEAN' THEN CAST(x AS BOOLEAN) WHEN 'UBIGINT' THEN CAST(x AS DOUBLE) <> 0
                       WHEN 'BIGINT' THEN CAST(x AS DOUBLE) <> 0 WHEN 'DOUBLE' THEN CAST(x AS DOUBLE) <> 0 ELSE NULL END`,
  `CREATE OR REPLACE TEMP MACRO hb_array_iff(c, t, f) AS
     CASE WHEN hb_arr(c) IS NULL THEN NULL ELSE to_json(list_transform(range(len(hb_arr(c))), lambda _hb_i:
       CASE hb_json_bool(hb_arr(c)[_hb_i + 1]) WHEN TRUE THEN hb_elem_or(t, _hb_i) WHEN FALSE THEN hb_elem_or(f, _hb_i) ELSE NULL END)) END`,
  // array_split at 0-based split points (a list of BIGINT)
  `CREATE OR REPLACE TEMP MACRO hb_array_split(a, pts) AS
     CASE WHEN hb_arr(a) IS NULL OR pts IS NULL THEN NULL ELSE to_json(list_transform(
       range(len(pts) + 1),
       lambda _hb_i: to_json(list_slice(hb_arr(a),
         (CASE WHEN _hb_i = 0 THEN 0 ELSE hb_index(list_sort(pts)[_hb_i], len(hb_arr(a))) END) + 1,
         CASE WHEN _hb_i = len(pts) THEN len(hb_arr(a)) ELSE hb_index(list_sort(pts)[_hb_i + 1], len(hb_arr(a))) END)))) END`,
  `CREATE OR REPLACE TEMP MACRO hb_bag_keys(b) AS CASE WHEN json_type(b) = 'OBJECT' THEN to_json(json_keys(b)) END`,
  // shallow merge of two bags: the first one's values win
  `CREATE OR REPLACE TEMP MACRO hb_bag_merge2(a, b) AS
     CASE WHEN hb_bag(a) IS NULL OR hb_bag(b) IS NULL THEN NULL ELSE to_json(map_from_entries(list_concat(
       map_entries(hb_bag(a)), list_filter(map_entries(hb_bag(b)), lambda _hb_e: NOT list_contains(map_keys(hb_bag(a)), _hb_e.key))))) END`,
  `CREATE OR REPLACE TEMP MACRO hb_bag_remove(b, ks) AS
     CASE WHEN hb_bag(b) IS NULL THEN NULL ELSE to_json(map_from_entries(
       list_filter(map_entries(hb_bag(b)), lambda _hb_e: NOT COALESCE(list_contains(ks, _hb_e.key), FALSE)))) END`,
  `CREATE OR REPLACE TEMP MACRO hb_bag_zip(k, v) AS
     CASE WHEN hb_arr(k) IS NULL THEN NULL ELSE to_json(map_from_entries(list_transform(list_filter(
       range(len(hb_arr(k))),
       lambda _hb_i: json_type(hb_arr(k)[_hb_i + 1]) = 'VARCHAR' AND NOT list_contains(list_transform(
         list_filter(list_slice(hb_arr(k), _hb_i + 2, len(hb_arr(k))), lambda _hb_x: json_type(_hb_x) = 'VARCHAR'),
         lambda _hb_x: json_extract_string(_hb_x, '$')), json_extract_string(hb_arr(k)[_hb_i + 1], '$'))),
       lambda _hb_i: struct_pack(key := json_extract_string(hb_arr(k)[_hb_i + 1], '$'), value := CAST(json_extract(v, '$[' || _hb_i || ']') AS JSON))))) END`,
  // bag with key k set to v (in place when present, else appended); null when b is not a bag
  `CREATE OR REPLACE TEMP MACRO hb_bag_set(b, k, v) AS
     CASE WHEN hb_bag(b) IS NULL THEN NULL WHEN list_contains(map_keys(hb_bag(b)), k) THEN to_json(map_from_entries(list_transform(map_entries(hb_bag(b)),
       lambda _hb_e: struct_pack(key := _hb_e.key, value := CASE WHEN _hb_e.key = k THEN CAST(v AS JSON) ELSE _hb_e.value END))))
     ELSE to_json(map_from_entries(list_concat(map_entries(hb_bag(b)), [struct_pack(key := k, value := CAST(v AS JSON))]))) END`,
  // the bag under key k of b, or {} when absent or not a bag
  `CREATE OR REPLACE TEMP MACRO hb_sub_bag(b, k) AS
     CASE WHEN json_type(hb_bag(b)[k]) = 'OBJECT' THEN hb_bag(b)[k] ELSE CAST('{}' AS JSON) END`,
  `CREATE OR REPLACE TEMP MACRO hb_array_rotate(a, n) AS
     CASE WHEN hb_arr(a) IS NULL OR n IS NULL THEN NULL WHEN len(hb_arr(a)) = 0 THEN a ELSE to_json(list_transform(range(len(hb_arr(a))),
       lambda _hb_i: hb_arr(a)[((_hb_i + n) % len(hb_arr(a)) + len(hb_arr(a))) % len(hb_arr(a)) + 1])) END`,
  `CREATE OR REPLACE TEMP MACRO hb_array_shift(a, n, fill) AS
     CASE WHEN hb_arr(a) IS NULL OR n IS NULL THEN NULL ELSE to_json(list_transform(range(len(hb_arr(a))),
       lambda _hb_i: CASE WHEN _hb_i + n >= 0 AND _hb_i + n < len(hb_arr(a)) THEN hb_arr(a)[_hb_i + n + 1] ELSE fill END)) END`,
];

/** SQL list of JSON elements of a dynamic argument (null when not an array). */
const arr = (a: Arg): string => `hb_arr(${a.sql})`;
/** A typed argument as a JSON value. */
const dyn = (a: Arg): string => toDynamicSql(a.sql, a.type);
const asJson = (list: string): string => `to_json(${list})`;
const allArrays = (args: Arg[]): string => args.map((a) => `${arr(a)} IS NOT NULL`).join(' AND ');
const whenArrays = (args: Arg[], sql: string): string => `(CASE WHEN ${allArrays(args)} THEN ${sql} END)`;

function concatLists(args: Arg[]): string {
  return args.map(arr).reduce((acc, l) => `list_concat(${acc}, ${l})`);
}

/**
 * array_sort_asc/desc(a1 [, a2 ...] [, nulls_last]): a1 sorted, the other arrays reordered the same way.
 * With several arrays the result is one array per input (`which` picks one; undefined: all, as a JSON array).
 */
export function sortArraysSql(args: Arg[], desc: boolean, fn: string, pos: number, which?: number): string {
  let arrays = args;
  let nullsFirst = 'FALSE';
  const last = args[args.length - 1]!;
  if (args.length > 1 && last.type !== 'dynamic') {
    arrays = args.slice(0, -1);
    if (last.e.k !== 'lit') throw new UnsupportedFeature(`${fn}() with a computed nulls_last`, pos);
    nullsFirst = last.e.value === false ? 'TRUE' : 'FALSE';
  }
  const perm = `hb_sort_perm(${arr(arrays[0]!)}, '${desc ? 'DESC' : 'ASC'}', ${nullsFirst})`;
  const sameLength = arrays.map((a) => `len(${arr(a)}) = len(${arr(arrays[0]!)})`).join(' AND ');
  const one = (a: Arg) => `(CASE WHEN ${sameLength} THEN hb_permute(${arr(a)}, ${perm}) END)`;
  if (which !== undefined) {
    const i = which < 0 ? which + arrays.length : which;
    const a = arrays[i];
    return a ? one(a) : `CAST(NULL AS JSON)`;
  }
  if (arrays.length > 1) throw new UnsupportedFeature(`${fn}() of several arrays (other than indexed, as in ${fn}(a, b)[1])`, pos);
  return one(arrays[0]!);
}

const sortArray = (desc: boolean): ScalarEmitter => (args, _t, call) => sortArraysSql(args, desc, call.fn, call.pos);

/** Split points of array_split: a long or a dynamic array of longs. */
function splitPoints(a: Arg): string {
  if (a.type === 'dynamic') return `list_transform(${arr(a)}, lambda _hb_p: TRY_CAST(_hb_p AS BIGINT))`;
  return `[CAST(${a.sql} AS BIGINT)]`;
}

/** Keys of bag_pack / pack: string expressions. */
function packBag(args: Arg[], call: { fn: string; pos: number }): string {
  if (args.length % 2 !== 0) throw new UnsupportedFeature(`${call.fn}() with an odd number of arguments`, call.pos);
  const parts: string[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const k = args[i]!;
    const key = k.type === 'string' ? k.sql : k.type === 'dynamic' ? `json_extract_string(${k.sql}, '$')` : `CAST(${k.sql} AS VARCHAR)`;
    parts.push(key, `COALESCE(${dyn(args[i + 1]!)}, CAST('null' AS JSON))`);
  }
  return `json_object(${parts.join(', ')})`;
}

/**
 * A key of bag_has_key / bag_remove_keys / bag_set_key: a plain key, or a JSONPath of
 * member names ('$.a.b', "$['a']"). Returns the member names, or undefined for paths we refuse.
 */
export function keyPath(k: string): string[] | undefined {
  if (!k.startsWith('$')) return [k];
  const segs: string[] = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < k.length) {
    const m = re.exec(k);
    if (!m) return undefined;
    segs.push(m[1] ?? (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1'));
  }
  return segs.length ? segs : undefined;
}

function literalKeys(a: Arg): string[] | undefined {
  if (a.e.k !== 'lit') return undefined;
  const v = a.e.value;
  if (typeof v === 'string') return [v];
  if (v && typeof v === 'object' && 'json' in v && Array.isArray(v.json) && v.json.every((x) => typeof x === 'string')) return v.json as string[];
  return undefined;
}

function pathOf(k: string, fn: string, pos: number): string[] {
  const p = keyPath(k);
  if (!p) throw new UnsupportedFeature(`${fn}() with the key path '${k}' (only member names are supported)`, pos);
  return p;
}

function hasPath(b: string, segs: string[]): string {
  const [k, ...rest] = segs;
  const here = `(json_type(${b}) = 'OBJECT' AND list_contains(map_keys(hb_bag(${b})), ${str(k!)}))`;
  return rest.length ? `(${here} AND ${hasPath(`hb_bag(${b})[${str(k!)}]`, rest)})` : here;
}

function removePath(b: string, segs: string[]): string {
  const [k, ...rest] = segs;
  if (!rest.length) return `hb_bag_remove(${b}, [${str(k!)}]::VARCHAR[])`;
  const sub = `hb_bag(${b})[${str(k!)}]`;
  return `(CASE WHEN json_type(${sub}) = 'OBJECT' THEN hb_bag_set(${b}, ${str(k!)}, ${removePath(sub, rest)}) ELSE ${b} END)`;
}

function setPath(b: string, segs: string[], v: string): string {
  const [k, ...rest] = segs;
  if (!rest.length) return `hb_bag_set(${b}, ${str(k!)}, ${v})`;
  return `hb_bag_set(${b}, ${str(k!)}, ${setPath(`hb_sub_bag(${b}, ${str(k!)})`, rest, v)})`;
}

/** A runtime key that must be a plain member name. */
function runtimeKey(k: Arg, fn: string): string {
  const key = k.type === 'string' ? k.sql : `json_extract_string(${k.sql}, '$')`;
  return `(CASE WHEN starts_with(${key}, '$') THEN error(${str(`${fn}() with a computed JSONPath key is not supported`)}) ELSE ${key} END)`;
}

export const dynamicFunctions: Record<string, ScalarEmitter> = {
  array_length: ([a]) => `CASE WHEN json_type(${a!.sql}) = 'ARRAY' THEN CAST(json_array_length(${a!.sql}) AS BIGINT) ELSE NULL END`,
  array_concat: (args) => whenArrays(args, asJson(concatLists(args))),
  array_slice: ([a, s, e]) => `hb_array_slice(${a!.sql}, ${s!.sql}, ${e!.sql})`,
  array_reverse: ([a]) => whenArrays([a!], asJson(`list_reverse(${arr(a!)})`)),
  array_index_of: ([a, v, s, n, occ]) =>
    `CAST(hb_array_index_of(${a!.sql}, ${dyn(v!)}, ${s?.sql ?? '0'}, ${n?.sql ?? '-1'}, ${occ?.sql ?? '1'}) AS BIGINT)`,
  array_sort_asc: sortArray(false),
  array_sort_desc: sortArray(true),
  array_sum: ([a]) => `hb_array_sum(${a!.sql})`,
  array_iff: ([c, t, f]) => `hb_array_iff(${c!.sql}, ${dyn(t!)}, ${dyn(f!)})`,
  array_iif: ([c, t, f]) => `hb_array_iff(${c!.sql}, ${dyn(t!)}, ${dyn(f!)})`,
  array_split: ([a, p]) => `hb_array_split(${a!.sql}, ${splitPoints(p!)})`,
  set_union: (args) => whenArrays(args, asJson(`hb_distinct(${concatLists(args)})`)),
  set_intersect: (args) => {
    const [first, ...rest] = args;
    const cond = rest.map((r) => `hb_has_elem(${arr(r)}, _hb_x)`).join(' AND ') || 'TRUE';
    return whenArrays(args, asJson(`hb_distinct(list_filter(${arr(first!)}, lambda _hb_x: ${cond}))`));
  },
  set_difference: (args) => {
    const [first, ...rest] = args;
    const cond = rest.map((r) => `NOT hb_has_elem(${arr(r)}, _hb_x)`).join(' AND ') || 'TRUE';
    return whenArrays(args, asJson(`hb_distinct(list_filter(${arr(first!)}, lambda _hb_x: ${cond}))`));
  },
  set_has_element: ([a, v]) => `hb_has_elem(${arr(a!)}, ${dyn(v!)})`,
  pack_array: (args) => (args.length ? asJson(`[${args.map((a) => `CAST(${dyn(a)} AS JSON)`).join(', ')}]`) : `CAST('[]' AS JSON)`),
  zip: (args) => {
    const n = `greatest(${args.map((a) => `len(${arr(a)})`).join(', ')})`;
    const row = `[${args.map((a) => `${arr(a)}[_hb_i + 1]`).join(', ')}]`;
    return whenArrays(args, asJson(`list_transform(range(${n}), lambda _hb_i: to_json(${row}))`));
  },
  bag_keys: ([b]) => `hb_bag_keys(${b!.sql})`,
  bag_merge: (args) => args.map((a) => a.sql).reduce((acc, b) => `hb_bag_merge2(${acc}, ${b})`),
  bag_pack: (args, _t, call) => packBag(args, call),
  pack: (args, _t, call) => packBag(args, call),
  pack_dictionary: (args, _t, call) => packBag(args, call),
  bag_pack_columns: (args, _t, call) => {
    const parts: string[] = [];
    for (const a of args) {
      if (a.e.k !== 'col') throw new UnsupportedFeature('bag_pack_columns() of an expression that is not a column', call.pos);
      parts.push(str(a.e.name), `COALESCE(${dyn(a)}, CAST('null' AS JSON))`);
    }
    return `json_object(${parts.join(', ')})`;
  },
  bag_has_key: ([b, k], _t, call) => {
    const lit = literalKeys(k!);
    if (lit?.length === 1) return hasPath(b!.sql, pathOf(lit[0]!, call.fn, call.pos));
    return `(json_type(${b!.sql}) = 'OBJECT' AND list_contains(map_keys(hb_bag(${b!.sql})), ${runtimeKey(k!, call.fn)}))`;
  },
  bag_remove_keys: ([b, ks], _t, call) => {
    const lit = literalKeys(ks!);
    if (lit) {
      const paths = lit.map((k) => pathOf(k, call.fn, call.pos));
      const plain = paths.filter((p) => p.length === 1).map((p) => str(p[0]!));
      let sql = `hb_bag_remove(${b!.sql}, [${plain.join(', ')}]::VARCHAR[])`;
      for (const p of paths) if (p.length > 1) sql = removePath(sql, p);
      return sql;
    }
    const keys = `list_transform(${arr(ks!)}, lambda _hb_k: json_extract_string(_hb_k, '$'))`;
    return `(CASE WHEN list_bool_or(list_transform(${keys}, lambda _hb_k: starts_with(_hb_k, '$'))) THEN error('bag_remove_keys() with a computed JSONPath key is not supported') ELSE hb_bag_remove(${b!.sql}, ${keys}) END)`;
  },
  bag_set_key: ([b, k, v], _t, call) => {
    const lit = literalKeys(k!);
    if (lit?.length === 1) return setPath(b!.sql, pathOf(lit[0]!, call.fn, call.pos), dyn(v!));
    return `hb_bag_set(${b!.sql}, ${runtimeKey(k!, call.fn)}, ${dyn(v!)})`;
  },
  array_rotate_left: ([a, n]) => `hb_array_rotate(${a!.sql}, ${n!.sql})`,
  array_rotate_right: ([a, n]) => `hb_array_rotate(${a!.sql}, -(${n!.sql}))`,
  array_shift_left: ([a, n, f]) => `hb_array_shift(${a!.sql}, ${n!.sql}, ${f ? dyn(f) : 'CAST(NULL AS JSON)'})`,
  array_shift_right: ([a, n, f]) => `hb_array_shift(${a!.sql}, -(${n!.sql}), ${f ? dyn(f) : 'CAST(NULL AS JSON)'})`,
  bag_zip: ([k, v]) => `hb_bag_zip(${k!.sql}, ${v!.sql})`,
};
