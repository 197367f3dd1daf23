import type { Stmt } from '../../../src/compiler/ir';
import { block, bool, evaluate, evaluationError, local, policyOf, rule, singleRule, Strings } from './helpers';

const results = (value: unknown): unknown => [{ result: value }];

describe('IR statements through the SDK', () => {
  it('Dot reads objects by key, arrays by index and sets by member; a missing key is undefined', async () => {
    const s = new Strings();
    const p = singleRule(s, 'r', [
      { type: 'Dot', source: local(0), key: s.op('a'), target: 3 },
      { type: 'MakeNumberInt', value: 1, target: 4 },
      { type: 'Dot', source: local(3), key: local(4), target: 5 },
      { type: 'AssignVarOnce', source: local(5), target: 2 },
    ]);
    expect(await evaluate(p, { a: ['x', 'y'] })).toEqual(results('y'));
    expect(await evaluate(p, { a: ['x'] })).toEqual([]);
    expect(await evaluate(p, { b: 1 })).toEqual([]);
    expect(await evaluate(p, { a: { 1: 'not an index' } })).toEqual([]);
    expect(await evaluate(p, undefined)).toEqual([]);

    const s2 = new Strings();
    const setDot = singleRule(s2, 'r', [
      { type: 'MakeSet', target: 3 },
      { type: 'SetAdd', value: s2.op('m'), set: 3 },
      { type: 'Dot', source: local(3), key: s2.op('m'), target: 2 },
    ]);
    expect(await evaluate(setDot, {})).toEqual(results('m'));
  });

  it('Len counts array, object and set elements and string code points', async () => {
    const s = new Strings();
    const p = singleRule(s, 'r', [
      { type: 'Dot', source: local(0), key: s.op('v'), target: 3 },
      { type: 'Len', source: local(3), target: 2 },
    ]);
    expect(await evaluate(p, { v: [1, 2, 3] })).toEqual(results(3));
    expect(await evaluate(p, { v: { a: 1 } })).toEqual(results(1));
    expect(await evaluate(p, { v: 'héllo→' })).toEqual(results(6));
    expect(await evaluate(p, { v: 5 })).toEqual([]);
  });

  it('Scan visits arrays by index, objects in key order and sets in sorted order', async () => {
    const s = new Strings();
    const p = singleRule(s, 'r', [
      { type: 'Dot', source: local(0), key: s.op('v'), target: 3 },
      { type: 'MakeArray', capacity: 0, target: 2 },
      {
        type: 'Scan', source: 3, key: 4, value: 5, block: block(
          { type: 'MakeArray', capacity: 2, target: 6 },
          { type: 'ArrayAppend', value: local(4), array: 6 },
          { type: 'ArrayAppend', value: local(5), array: 6 },
          { type: 'ArrayAppend', value: local(6), array: 2 },
        ),
      },
    ]);
    expect(await evaluate(p, { v: ['a', 'b'] })).toEqual(results([[0, 'a'], [1, 'b']]));
    expect(await evaluate(p, { v: { z: 1, a: 2, m: 3 } })).toEqual(results([['a', 2], ['m', 3], ['z', 1]]));
    expect(await evaluate(p, { v: 'not a collection' })).toEqual(results([]));
  });

  it('a Scan body that is undefined moves on to the next element', async () => {
    const s = new Strings();
    const p = singleRule(s, 'r', [
      { type: 'Dot', source: local(0), key: s.op('v'), target: 3 },
      { type: 'MakeSet', target: 2 },
      {
        type: 'Scan', source: 3, key: 4, value: 5, block: block(
          { type: 'Dot', source: local(5), key: s.op('keep'), target: 6 },
          { type: 'Equal', a: local(6), b: bool(true) },
          { type: 'Dot', source: local(5), key: s.op('name'), target: 7 },
          { type: 'SetAdd', value: local(7), set: 2 },
        ),
      },
    ]);
    const input = { v: [{ keep: true, name: 'b' }, { keep: false, name: 'x' }, { name: 'y' }, { keep: true, name: 'a' }] };
    expect(await evaluate(p, input)).toEqual(results(['a', 'b']));
  });

  it('Not holds when its body is undefined and is undefined when the body holds', async () => {
    const s = new Strings();
    const p = singleRule(s, 'r', [
      { type: 'Not', block: block({ type: 'Dot', source: local(0), key: s.op('deny'), target: 3 }) },
      { type: 'AssignVarOnce', source: bool(true), target: 2 },
    ]);
    expect(await evaluate(p, {})).toEqual(results(true));
    expect(await evaluate(p, { deny: 1 })).toEqual([]);
  });

  it('Block runs each block; an undefined statement leaves only its own block; Break leaves n+1 blocks', async () => {
    const s = new Strings();
    const p = singleRule(s, 'r', [
      { type: 'MakeArray', capacity: 0, target: 2 },
      {
        type: 'Block', blocks: [
          block({ type: 'Dot', source: local(0), key: s.op('missing'), target: 3 }, { type: 'ArrayAppend', value: s.op('skipped'), array: 2 }),
          block({ type: 'ArrayAppend', value: s.op('second'), array: 2 }),
          block(
            { type: 'Block', blocks: [block({ type: 'Break', index: 1 }, { type: 'ArrayAppend', value: s.op('after break'), array: 2 })] },
            { type: 'ArrayAppend', value: s.op('after inner block'), array: 2 },
          ),
          block({ type: 'Nop' }, { type: 'ArrayAppend', value: s.op('fourth'), array: 2 }),
        ],
      },
    ]);
    expect(await evaluate(p, {})).toEqual(results(['second', 'fourth']));
  });

  it('AssignInt, AssignVar, ResetLocal, MakeNull, MakeNumberInt and MakeNumberRef build values', async () => {
    const s = new Strings();
    const p = singleRule(s, 'r', [
      { type: 'MakeArray', capacity: 4, target: 2 },
      { type: 'AssignInt', value: -7, target: 3 },
      { type: 'ArrayAppend', value: local(3), array: 2 },
      { type: 'AssignVar', source: s.op('copied'), target: 4 },
      { type: 'ArrayAppend', value: local(4), array: 2 },
      { type: 'MakeNull', target: 5 },
      { type: 'ArrayAppend', value: local(5), array: 2 },
      { type: 'MakeNumberInt', value: 2 ** 40, target: 6 },
      { type: 'ArrayAppend', value: local(6), array: 2 },
      { type: 'MakeNumberRef', index: s.index('3.25'), target: 7 },
      { type: 'ArrayAppend', value: local(7), array: 2 },
      { type: 'MakeNumberRef', index: s.index('-9007199254740993'), target: 8 },
      { type: 'ArrayAppend', value: local(8), array: 2 },
      { type: 'ResetLocal', target: 8 },
      { type: 'IsUndefined', source: 8 },
      { type: 'ArrayAppend', value: bool(false), array: 2 },
    ]);
    const rs = (await evaluate(p, {})) as { result: unknown[] }[];
    expect(rs[0].result.slice(0, 5)).toEqual([-7, 'copied', null, 2 ** 40, 3.25]);
    expect(rs[0].result[6]).toBe(false);
    // Exact beyond 2^53: check the JSON text itself.
    const { emitWasm } = await import('../../../src/compiler/wasm');
    const { loadPolicyWasm } = await import('../../../src/opa/load');
    const loaded = await loadPolicyWasm(emitWasm(p));
    const exports = (loaded.wasmInstance as WebAssembly.Instance).exports as Record<string, Function>;
    const text = (addr: number): string => {
      const mem = new Uint8Array(loaded.mem.buffer);
      let end = addr;
      while (mem[end]) end++;
      return Buffer.from(mem.subarray(addr, end)).toString('utf8');
    };
    const out = text(exports.opa_eval(0, 0, loaded.dataAddr, 0, 0, loaded.dataHeapPtr, 0) as number);
    expect(out).toContain('-9007199254740993');
  });

  it('Equal and NotEqual use OPA equality (1 == 1.0, objects and sets order-free)', async () => {
    const s = new Strings();
    const eq = singleRule(s, 'r', [
      { type: 'Dot', source: local(0), key: s.op('a'), target: 3 },
      { type: 'Dot', source: local(0), key: s.op('b'), target: 4 },
      { type: 'Equal', a: local(3), b: local(4) },
      { type: 'AssignVarOnce', source: bool(true), target: 2 },
    ]);
    expect(await evaluate(eq, { a: 1, b: 1.0 })).toEqual(results(true));
    expect(await evaluate(eq, { a: { x: [1, 2], y: null }, b: { y: null, x: [1, 2] } })).toEqual(results(true));
    expect(await evaluate(eq, { a: 1, b: '1' })).toEqual([]);
    expect(await evaluate(eq, { a: [1, 2], b: [2, 1] })).toEqual([]);
    const s2 = new Strings();
    const ne = singleRule(s2, 'r', [
      { type: 'Dot', source: local(0), key: s2.op('a'), target: 3 },
      { type: 'NotEqual', a: local(3), b: s2.op('x') },
      { type: 'AssignVarOnce', source: bool(true), target: 2 },
    ]);
    expect(await evaluate(ne, { a: 'y' })).toEqual(results(true));
    // Constants in the module's data and strings parsed from input compare alike (hash, prefix, bytes).
    for (const text of ['é→𝄞', 'abc', '', 'azurerm_container_app', 'a\u0000b']) {
      const s3 = new Strings();
      const p = singleRule(s3, 'r', [
        { type: 'Dot', source: local(0), key: s3.op('a'), target: 3 },
        { type: 'Equal', a: local(3), b: s3.op(text) },
        { type: 'AssignVarOnce', source: bool(true), target: 2 },
      ]);
      expect(await evaluate(p, { a: text })).toEqual(results(true));
      expect(await evaluate(p, { a: `${text}x` })).toEqual([]);
    }
    expect(await evaluate(ne, { a: 'x' })).toEqual([]);
  });

  it('IsArray, IsObject, IsSet, IsDefined and IsUndefined test types and definedness', async () => {
    const check = async (stmt: (l: number) => Stmt, v: unknown, setInstead = false): Promise<boolean> => {
      const s = new Strings();
      const pre: Stmt[] = setInstead
        ? [{ type: 'MakeSet', target: 3 }]
        : [{ type: 'Dot', source: local(0), key: s.op('v'), target: 3 }];
      const p = singleRule(s, 'r', [...pre, stmt(3), { type: 'AssignVarOnce', source: bool(true), target: 2 }]);
      return ((await evaluate(p, { v })) as unknown[]).length === 1;
    };
    expect(await check((l) => ({ type: 'IsArray', source: local(l) }), [1])).toBe(true);
    expect(await check((l) => ({ type: 'IsArray', source: local(l) }), { a: 1 })).toBe(false);
    expect(await check((l) => ({ type: 'IsObject', source: local(l) }), { a: 1 })).toBe(true);
    expect(await check((l) => ({ type: 'IsObject', source: local(l) }), 'a')).toBe(false);
    expect(await check((l) => ({ type: 'IsSet', source: local(l) }), null, true)).toBe(true);
    expect(await check((l) => ({ type: 'IsSet', source: local(l) }), [1])).toBe(false);
    expect(await check((l) => ({ type: 'IsDefined', source: l }), false)).toBe(true);
    expect(await check((l) => ({ type: 'IsDefined', source: l }), undefined)).toBe(false);
    // (A Dot on a missing key would already leave the block: test a never-assigned local.)
    expect(await check(() => ({ type: 'IsUndefined', source: 9 }), 1)).toBe(true);
    expect(await check((l) => ({ type: 'IsUndefined', source: l }), 0)).toBe(false);
  });

  it('ObjectInsert overwrites, ObjectInsertOnce accepts equal values and aborts on a conflict', async () => {
    const s = new Strings();
    const p = singleRule(s, 'r', [
      { type: 'MakeObject', target: 2 },
      { type: 'ObjectInsert', key: s.op('k'), value: s.op('first'), object: 2 },
      { type: 'ObjectInsert', key: s.op('k'), value: s.op('second'), object: 2 },
      { type: 'ObjectInsertOnce', key: s.op('j'), value: s.op('same'), object: 2 },
      { type: 'ObjectInsertOnce', key: s.op('j'), value: s.op('same'), object: 2 },
    ]);
    expect(await evaluate(p, {})).toEqual(results({ k: 'second', j: 'same' }));
    const s2 = new Strings();
    const conflict = singleRule(s2, 'r', [
      { type: 'MakeObject', target: 2 },
      { type: 'ObjectInsertOnce', key: s2.op('j'), value: s2.op('a'), object: 2 },
      { type: 'ObjectInsertOnce', key: s2.op('j'), value: s2.op('b'), object: 2, loc: { file: 0, row: 7, col: 3 } },
    ]);
    expect(await evaluationError(conflict, {})).toBe('policy.rego:7:3: eval_conflict_error: object keys must be unique');
  });

  it('AssignVarOnce reports conflicting rule and function outputs', async () => {
    const s = new Strings();
    const mk = (message: 'rule' | 'function'): Stmt[] => [
      { type: 'AssignVarOnce', source: s.op('a'), target: 2 },
      { type: 'AssignVarOnce', source: s.op('a'), target: 2 },
      { type: 'AssignVarOnce', source: s.op('b'), target: 2, message, loc: { file: 0, row: 3, col: 1 } },
    ];
    expect(await evaluationError(singleRule(s, 'r', mk('rule')), {})).toBe(
      'policy.rego:3:1: eval_conflict_error: complete rules must not produce multiple outputs');
    expect(await evaluationError(singleRule(s, 'r', mk('function')), {})).toBe(
      'policy.rego:3:1: eval_conflict_error: functions must not produce multiple outputs for same inputs');
  });

  it('ObjectMerge merges recursively with the first object winning', async () => {
    const s = new Strings();
    const p = singleRule(s, 'r', [
      { type: 'Dot', source: local(0), key: s.op('a'), target: 3 },
      { type: 'Dot', source: local(0), key: s.op('b'), target: 4 },
      { type: 'ObjectMerge', a: 3, b: 4, target: 2 },
    ]);
    expect(await evaluate(p, { a: { x: 1, n: { p: 1 } }, b: { x: 2, y: 3, n: { q: 2, p: 9 } } }))
      .toEqual(results({ x: 1, y: 3, n: { p: 1, q: 2 } }));
  });

  it('SetAdd keeps one copy of equal values, in OPA order; ResultSetAdd collects results', async () => {
    const s = new Strings();
    const p = singleRule(s, 'r', [
      { type: 'MakeSet', target: 2 },
      { type: 'Dot', source: local(0), key: s.op('v'), target: 3 },
      { type: 'Scan', source: 3, key: 4, value: 5, block: block({ type: 'SetAdd', value: local(5), set: 2 }) },
    ]);
    const input = { v: [{ b: 1 }, 'b', [1], 2, null, true, 'a', 1.0, 1, false, [0, 5], { a: 9 }] };
    expect(await evaluate(p, input)).toEqual(results([null, false, true, 1, 2, 'a', 'b', [0, 5], [1], { a: 9 }, { b: 1 }]));
  });

  it('Call passes arguments to policy functions, and an undefined result is undefined', async () => {
    const s = new Strings();
    const double = {
      name: 'g0.data.t.double', path: [], params: [0, 1, 5], result: 6, memoize: false,
      blocks: [block(
        { type: 'IsDefined', source: 5 } as Stmt,
        { type: 'Call', func: 'plus', args: [local(5), local(5)], result: 6 } as Stmt,
        { type: 'ReturnLocal', source: 6 } as Stmt,
        { type: 'MakeNull', target: 6 } as Stmt,
      )],
    };
    const p = singleRule(s, 'r', [
      { type: 'Dot', source: local(0), key: s.op('n'), target: 3 },
      { type: 'Call', func: 'g0.data.t.double', args: [local(0), local(1), local(3)], result: 2 },
    ], [double]);
    expect(await evaluate(p, { n: 21 })).toEqual(results(42));
    expect(await evaluate(p, { n: 'x' })).toEqual([]);
  });

  it('memoizes complete rules within one evaluation but not across evaluations', async () => {
    const s = new Strings();
    const counter = rule('c', [block(
      { type: 'Dot', source: local(0), key: s.op('n'), target: 2 },
    )]);
    const p = policyOf(s, [rule('r', [block(
      { type: 'Call', func: 'g0.data.t.c', args: [local(0), local(1)], result: 3 },
      { type: 'Call', func: 'g0.data.t.c', args: [local(0), local(1)], result: 4 },
      { type: 'Call', func: 'plus', args: [local(3), local(4)], result: 2 },
    )])], [counter]);
    expect(await evaluate(p, { n: 1 })).toEqual(results(2));
    expect(await evaluate(p, { n: 5 })).toEqual(results(10));
  });

  it('With replaces part of input for its block and restores it afterwards, also bypassing memoized rules', async () => {
    const s = new Strings();
    const readX = rule('x', [block({ type: 'Dot', source: local(0), key: s.op('x'), target: 2 })]);
    const p = policyOf(s, [rule('r', [block(
      { type: 'MakeArray', capacity: 3, target: 2 },
      { type: 'Call', func: 'g0.data.t.x', args: [local(0), local(1)], result: 3 },
      { type: 'ArrayAppend', value: local(3), array: 2 },
      {
        type: 'With', local: 0, path: [s.index('x')], value: s.op('replaced'), block: block(
          { type: 'Call', func: 'g0.data.t.x', args: [local(0), local(1)], result: 4 },
          { type: 'ArrayAppend', value: local(4), array: 2 },
        ),
      },
      {
        type: 'Block', blocks: [block({
          type: 'With', local: 0, path: [s.index('x')], value: s.op('broken out'), block: block({ type: 'Break', index: 1 }),
        })],
      },
      { type: 'Call', func: 'g0.data.t.x', args: [local(0), local(1)], result: 5 },
      { type: 'ArrayAppend', value: local(5), array: 2 },
      { type: 'Dot', source: local(0), key: s.op('x'), target: 6 },
      { type: 'ArrayAppend', value: local(6), array: 2 },
    )])], [readX]);
    expect(await evaluate(p, { x: 'orig' })).toEqual(results(['orig', 'replaced', 'orig', 'orig']));
  });

  it('reads data set with setData and serves several entrypoints by name', async () => {
    const s = new Strings();
    const a = rule('a', [block({ type: 'Dot', source: local(1), key: s.op('limit'), target: 2 })]);
    const b = rule('b', [block({ type: 'AssignVarOnce', source: s.op('bee'), target: 2 })]);
    const p = policyOf(s, [a, b]);
    expect(await evaluate(p, {}, { data: { limit: 10 }, entrypoint: 't/a' })).toEqual(results(10));
    expect(await evaluate(p, {}, { entrypoint: 't/a' })).toEqual([]);
    expect(await evaluate(p, {}, { entrypoint: 't/b' })).toEqual(results('bee'));
  });
});
