import { callBuiltin, evaluate, local, singleRule, Strings } from './helpers';

// Expected answers are OPA's (openpolicyagent.org/docs/policy-reference); `undefined` is what a
// builtin type error gives without strict builtin errors.
type Case = [name: string, args: unknown[], expected: unknown, sets?: boolean[]];

const cases: Case[] = [
  ['equal', [1, 1.0], true], ['equal', [{ a: [1] }, { a: [1] }], true], ['neq', ['a', 'b'], true],
  ['lt', [1, 2], true], ['lt', ['b', 'a'], false], ['lt', [null, false], true], ['lt', [9, 'a'], true],
  ['lte', [2, 2], true], ['gt', [[1, 2], [1]], true], ['gte', [{ a: 1 }, [1]], true],
  ['plus', [1, 2], 3], ['plus', [0.1, 0.2], 0.30000000000000004], ['plus', ['a', 1], undefined],
  ['minus', [5, 7], -2], ['minus', [[1, 2, 3], [2]], [1, 3], [true, true]],
  ['mul', [6, 7], 42], ['mul', [1.5, 2], 3],
  ['div', [10, 4], 2.5], ['div', [10, 5], 2], ['div', [1, 0], undefined],
  ['rem', [10, 3], 1], ['rem', [-7, 3], -1], ['rem', [1, 0], undefined], ['rem', [1.5, 1], undefined],
  ['and', [[1, 2, 3], [2, 3, 4]], [2, 3], [true, true]], ['or', [[1], [2]], [1, 2], [true, true]],
  ['count', [[1, 2]], 2], ['count', [{ a: 1 }], 1], ['count', ['añb'], 3], ['count', [1], undefined],
  ['sum', [[1, 2, 3.5]], 6.5], ['product', [[2, 3]], 6], ['max', [[3, 9, 2]], 9], ['min', [['b', 'a']], 'a'],
  ['max', [[]], undefined], ['sort', [[3, 'a', 1, null]], [null, 1, 3, 'a']], ['sort', [[2, 1]], [1, 2], [true]],
  ['abs', [-3], 3], ['abs', [-2.5], 2.5], ['round', [2.5], 3], ['round', [-2.5], -3], ['round', [2.4], 2],
  ['ceil', [1.2], 2], ['floor', [-1.2], -2], ['floor', [7], 7],
  ['to_number', ['42'], 42], ['to_number', ['-1.5'], -1.5], ['to_number', [true], 1], ['to_number', [null], 0],
  ['to_number', ['x'], undefined], ['to_number', [' 1'], undefined],
  ['numbers.range', [1, 4], [1, 2, 3, 4]], ['numbers.range', [2, 0], [2, 1, 0]],
  ['format_int', [255, 16], 'ff'], ['format_int', [-5.9, 10], '-5'], ['format_int', [5.9, 8], '5'], ['format_int', [5, 2], '101'],
  ['concat', [', ', ['a', 'b', 'c']], 'a, b, c'], ['concat', ['-', ['b', 'a']], 'a-b', [false, true]],
  ['concat', ['-', [1]], undefined],
  ['contains', ['foobar', 'oba'], true], ['contains', ['foo', ''], true], ['contains', ['foo', 'x'], false],
  ['startswith', ['foobar', 'foo'], true], ['endswith', ['foobar', 'bar'], true], ['endswith', ['a', 'ab'], false],
  ['lower', ['AbC'], 'abc'], ['upper', ['aBc'], 'ABC'],
  ['split', ['a,b,,c', ','], ['a', 'b', '', 'c']], ['split', ['abc', ''], ['a', 'b', 'c']], ['split', ['', ','], ['']],
  ['replace', ['aaa', 'a', 'bb'], 'bbbbbb'], ['replace', ['abc', '', '-'], '-a-b-c-'],
  ['trim', ['xxhixx', 'x'], 'hi'], ['trim_left', ['xxhix', 'x'], 'hix'], ['trim_right', ['xhixx', 'x'], 'xhi'],
  ['trim_space', ['\t hi \n'], 'hi'], ['trim_prefix', ['foobar', 'foo'], 'bar'], ['trim_prefix', ['foobar', 'x'], 'foobar'],
  ['trim_suffix', ['foobar', 'bar'], 'foo'],
  ['substring', ['abcdef', 1, 3], 'bcd'], ['substring', ['aébc', 1, -1], 'ébc'], ['substring', ['abc', 5, 1], ''],
  ['substring', ['abc', -1, 1], undefined],
  ['indexof', ['abcabc', 'ca'], 2], ['indexof', ['éa', 'a'], 1], ['indexof', ['abc', 'z'], -1],
  ['internal.member_2', [2, [1, 2]], true], ['internal.member_2', [3, { a: 3 }], true], ['internal.member_2', ['a', { a: 3 }], false],
  ['internal.member_2', [2, [1, 2]], true, [false, true]], ['internal.member_2', [1, 'abc'], false],
  ['internal.member_3', ['a', 3, { a: 3 }], true], ['internal.member_3', [1, 'y', ['x', 'y']], true],
  ['internal.member_3', [0, 'y', ['x', 'y']], false],
  ['object.get', [{ a: 1 }, 'a', 0], 1], ['object.get', [{ a: 1 }, 'b', 0], 0],
  ['object.get', [{ a: { b: [5, 6] } }, ['a', 'b', 1], 'none'], 6], ['object.get', [{ a: {} }, ['a', 'x'], 'none'], 'none'],
  ['object.keys', [{ b: 1, a: 2 }], ['a', 'b']],
  ['object.union', [{ a: 1, n: { x: 1 } }, { b: 2, n: { y: 2 }, a: 3 }], { a: 3, b: 2, n: { x: 1, y: 2 } }],
  ['object.remove', [{ a: 1, b: 2, c: 3 }, ['a', 'c']], { b: 2 }], ['object.remove', [{ a: 1, b: 2 }, { b: 0 }], { a: 1 }],
  ['object.filter', [{ a: 1, b: 2, c: 3 }, ['a', 'c']], { a: 1, c: 3 }], ['object.filter', [{ a: 1 }, ['z']], {}, [false, true]],
  ['array.concat', [[1], [2, 3]], [1, 2, 3]], ['array.slice', [[1, 2, 3, 4], 1, 3], [2, 3]],
  ['array.slice', [[1, 2], -5, 9], [1, 2]], ['array.slice', [[1, 2], 2, 1], []],
  ['json.marshal', [{ b: [1, 'x"y'], a: null }], '{"a":null,"b":[1,"x\\"y"]}'],
  ['json.unmarshal', ['{"a":[1,2.5,"é"]}'], { a: [1, 2.5, 'é'] }], ['json.unmarshal', ['{bad'], undefined],
  ['is_string', ['a'], true], ['is_string', [1], false], ['is_number', [1.5], true], ['is_boolean', [false], true],
  ['is_array', [[]], true], ['is_object', [{}], true], ['is_null', [null], true], ['is_set', [[]], false],
  ['is_set', [[]], true, [true]],
  ['type_name', [null], 'null'], ['type_name', [true], 'boolean'], ['type_name', [1], 'number'], ['type_name', ['s'], 'string'],
  ['type_name', [[]], 'array'], ['type_name', [{}], 'object'], ['type_name', [[]], 'set', [true]],
  ['regex.match', ['^[a-z]+-\\d{2}$', 'abc-12'], true], ['regex.match', ['(?i)^ABC$', 'abc'], true],
  ['regex.match', ['^a\\z', 'a\n'], false],
  ['glob.match', ['*.example.com', ['.'], 'api.example.com'], true], ['glob.match', ['*.example.com', ['.'], 'a.b.example.com'], false],
  ['glob.match', ['**.example.com', ['.'], 'a.b.example.com'], true], ['glob.match', ['{a,b}?', null, 'bz'], true],
];

describe('builtins through the SDK, with OPA answers', () => {
  it.each(cases.map((c) => [`${c[0]}(${JSON.stringify(c[1])})${c[3] ? ' (sets)' : ''}`, c] as const))('%s', async (_label, c) => {
    const [name, args, expected, sets] = c;
    const specs = (sets ?? []).map((set) => ({ set }));
    const got = await callBuiltin(name, args, specs);
    if (expected === undefined) expect(got).toBeUndefined();
    else expect(got).toEqual(expected);
  });

  it('union and intersection of a set of sets', async () => {
    const run = async (fn: string): Promise<unknown> => {
      const s = new Strings();
      const p = singleRule(s, 'r', [
        { type: 'MakeSet', target: 3 },
        { type: 'SetAdd', value: s.op('a'), set: 3 },
        { type: 'SetAdd', value: s.op('b'), set: 3 },
        { type: 'MakeSet', target: 4 },
        { type: 'SetAdd', value: s.op('b'), set: 4 },
        { type: 'SetAdd', value: s.op('c'), set: 4 },
        { type: 'MakeSet', target: 5 },
        { type: 'SetAdd', value: local(3), set: 5 },
        { type: 'SetAdd', value: local(4), set: 5 },
        { type: 'Call', func: fn, args: [local(5)], result: 2 },
      ]);
      return ((await evaluate(p, {})) as { result: unknown }[])[0].result;
    };
    expect(await run('union')).toEqual(['a', 'b', 'c']);
    expect(await run('intersection')).toEqual(['b']);
  });
});

describe('sprintf with Go fmt semantics (as OPA formats its arguments)', () => {
  const cases: [string, unknown[], string][] = [
    ['%s has %d items', ['list', 3], 'list has 3 items'],
    ['%v and %v', [[1, 'a'], { k: true }], '[1, "a"] and {"k": true}'],
    ['%v|%v|%v', [null, false, 1.5], 'null|false|1.5'],
    ['%d%%', [50], '50%'],
    ['%.2f|%f', [3.14159, 2], '3.14|%!f(int=2)'],
    ['%.1f', [-0.04], '-0.0'],
    ['%q', ['a"b'], '"a\\"b"'],
    ['%s', [5], '%!s(int=5)'],
    ['%d', ['x'], '%!d(string=x)'],
    ['%5s|%-4d|%05d|%+d', ['ab', 7, -42, 3], '   ab|7   |-0042|+3'],
    ['%x %X %o %b', [255, 255, 8, 5], 'ff FF 10 101'],
    ['%x', ['hi'], '6869'],
    ['%.2s', ['héllo'], 'hé'],
    ['%s %s', ['only'], 'only %!s(MISSING)'],
    ['%s', ['a', 1, 'b'], 'a%!(EXTRA int=1, string=b)'],
    ['%v', [2.0], '2'],
    ['%v', [1e300], '1e+300'],
    ['%v|%v|%v', [0.0000123, -0.00005, 1.5e-7], '1.23e-05|-5e-05|1.5e-07'],
    ['%v', [0.001], '0.001'],
    // Literal text is copied a run at a time: no verb, text around verbs, a lone trailing %.
    ['no verbs at all, é→𝄞', [], 'no verbs at all, é→𝄞'],
    ['template.container.%d (%s) has no %s: add one', [0, 'app', 'liveness_probe'], 'template.container.0 (app) has no liveness_probe: add one'],
    ['a%', [], 'a%!(NOVERB)'],
    ['', [], ''],
  ];
  it.each(cases)('sprintf(%j, %j)', async (format, args, expected) => {
    expect(await callBuiltin('sprintf', [format, args])).toBe(expected);
  });

  it('is undefined when the arguments are not an array', async () => {
    expect(await callBuiltin('sprintf', ['%s', 'x'])).toBeUndefined();
  });
});

describe('case mapping beyond ASCII', () => {
  it.each([
    ['lower', 'ÄÖÜ ÀÉ Ÿ İ ΣΑΣ ДОМ Ё', 'äöü àé ÿ i σασ дом ё'],
    ['upper', 'äöü àé ÿ ı σας дом ё ß', 'ÄÖÜ ÀÉ Ÿ I ΣΑΣ ДОМ Ё ß'],
  ])('%s(%j)', async (fn, input, expected) => {
    expect(await callBuiltin(fn, [input])).toBe(expected);
  });
});
