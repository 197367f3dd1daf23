import { arr, b, call, data, input, n, nul, obj, query, ref, s, set, term, v } from './helpers';

describe('scalars', () => {
  it('parses null, booleans and numbers keeping their literal text', () => {
    expect(term('null')).toEqual({ type: 'null' });
    expect(term('true')).toEqual(b(true));
    expect(term('false')).toEqual(b(false));
    expect(term('123456789012345678901234567890')).toEqual(n('123456789012345678901234567890'));
    expect(term('1.25e-3')).toEqual(n('1.25e-3'));
    expect(term('0.5')).toEqual(n('0.5'));
    expect(term('2E10')).toEqual(n('2E10'));
    expect(term('.5')).toEqual(n('.5'));
  });

  it('folds unary minus on a number literal into the number', () => {
    expect(term('-1')).toEqual(n('-1'));
    expect(term('-1.5e3')).toEqual(n('-1.5e3'));
    expect(term('x * -2')).toEqual(call('mul', v('x'), n('-2')));
  });

  it('turns unary minus on other terms into minus(0, x)', () => {
    expect(term('-x')).toEqual(call('minus', n('0'), v('x')));
    expect(term('-input.a')).toEqual(call('minus', n('0'), input('a')));
  });

  it('decodes string escapes including \\u and surrogate pairs', () => {
    expect(term('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t"')).toEqual(s('a"b\\c/d\b\f\n\r\t'));
    expect(term('"\\u00e9"')).toEqual(s('é'));
    expect(term('"\\ud83d\\ude00"')).toEqual(s('😀'));
    expect(term('"héllo 😀"')).toEqual(s('héllo 😀'));
  });

  it('keeps raw strings verbatim, across lines', () => {
    expect(term('`a\\nb\n"c"`')).toEqual(s('a\\nb\n"c"'));
  });
});

describe('refs and calls', () => {
  it('parses dotted and bracketed refs', () => {
    expect(term('a.b[x].c')).toEqual(ref(v('a'), s('b'), v('x'), s('c')));
    expect(term('data["x"]')).toEqual(ref(v('data'), s('x')));
    expect(term('input.resources[_].type')).toEqual(ref(v('input'), s('resources'), v('$_0'), s('type')));
  });

  it('makes bare data and input refs', () => {
    expect(term('input')).toEqual(input());
    expect(term('data')).toEqual(data());
  });

  it('allows keywords after a dot', () => {
    expect(term('input.in.default.contains')).toEqual(input('in', 'default', 'contains'));
  });

  it('parses calls with dotted names, and refs rooted at calls and collections', () => {
    expect(term('count(x)')).toEqual(call('count', v('x')));
    expect(term('object.get(o, "k", [])')).toEqual(call('object.get', v('o'), s('k'), arr()));
    expect(term('data.lib.f(1, 2)')).toEqual(call('data.lib.f', n('1'), n('2')));
    expect(term('f(x)[0]')).toEqual(ref(call('f', v('x')), n('0')));
    expect(term('f(x).y')).toEqual(ref(call('f', v('x')), s('y')));
    expect(term('[1, 2][i]')).toEqual(ref(arr(n('1'), n('2')), v('i')));
    expect(term('{"a": 1}.a')).toEqual(ref(obj([s('a'), n('1')]), s('a')));
    expect(term('contains(x, "a")')).toEqual(call('contains', v('x'), s('a')));
    expect(term('now()')).toEqual(call('now'));
  });

  it('treats set() as the empty set and {} as the empty object', () => {
    expect(term('set()')).toEqual(set());
    expect(term('{}')).toEqual(obj());
  });

  it('does not continue a ref across whitespace', () => {
    expect(query('a\n[0]')).toEqual([
      { type: 'term', term: v('a'), negated: false, with: [] },
      { type: 'term', term: arr(n('0')), negated: false, with: [] },
    ]);
  });

  it('numbers wildcards uniquely', () => {
    expect(term('[_, _, x[_]]')).toEqual(arr(v('$_0'), v('$_1'), ref(v('x'), v('$_2'))));
  });
});

describe('collections and comprehensions', () => {
  it('parses arrays, sets and objects with trailing commas', () => {
    expect(term('[1, "a", null,]')).toEqual(arr(n('1'), s('a'), nul));
    expect(term('{1, 2}')).toEqual(set(n('1'), n('2')));
    expect(term('{"a": 1, "b": [2],}')).toEqual(obj([s('a'), n('1')], [s('b'), arr(n('2'))]));
    expect(term('{x + 1: y}')).toEqual(obj([call('plus', v('x'), n('1')), v('y')]));
  });

  it('spans lines inside brackets', () => {
    expect(term('[\n  1,\n  2\n]')).toEqual(arr(n('1'), n('2')));
    expect(term('count(\n  x\n)')).toEqual(call('count', v('x')));
  });

  it('parses array, set and object comprehensions', () => {
    expect(term('[x | some x in xs; x > 1]')).toEqual({
      type: 'arraycomp',
      term: v('x'),
      body: [
        { type: 'somein', value: v('x'), collection: v('xs'), negated: false, with: [] },
        { type: 'term', term: call('gt', v('x'), n('1')), negated: false, with: [] },
      ],
    });
    expect(term('{x | x := 1}')).toEqual({
      type: 'setcomp',
      term: v('x'),
      body: [{ type: 'assign', left: v('x'), right: n('1'), negated: false, with: [] }],
    });
    expect(term('{k: v | some k, v in o\n v != null}')).toEqual({
      type: 'objectcomp',
      key: v('k'),
      value: v('v'),
      body: [
        { type: 'somein', key: v('k'), value: v('v'), collection: v('o'), negated: false, with: [] },
        { type: 'term', term: call('neq', v('v'), nul), negated: false, with: [] },
      ],
    });
  });

  it('reads `[a+1 | b]` as an array holding an or-call (a comprehension head is a single term)', () => {
    expect(term('[a + 1 | b]')).toEqual(arr(call('or', call('plus', v('a'), n('1')), v('b'))));
  });
});

describe('operators', () => {
  it('follows OPA precedence: * / % over + - over & over | over comparisons', () => {
    expect(term('1 + 2 * 3')).toEqual(call('plus', n('1'), call('mul', n('2'), n('3'))));
    expect(term('(1 + 2) * 3')).toEqual(call('mul', call('plus', n('1'), n('2')), n('3')));
    expect(term('a - b - c')).toEqual(call('minus', call('minus', v('a'), v('b')), v('c')));
    expect(term('a / b % c')).toEqual(call('rem', call('div', v('a'), v('b')), v('c')));
    expect(term('a | b & c')).toEqual(call('or', v('a'), call('and', v('b'), v('c'))));
    expect(term('a | b == c')).toEqual(call('equal', call('or', v('a'), v('b')), v('c')));
    expect(term('x + 1 >= y * 2')).toEqual(call('gte', call('plus', v('x'), n('1')), call('mul', v('y'), n('2'))));
    expect(term('a != b')).toEqual(call('neq', v('a'), v('b')));
    expect(term('a < b')).toEqual(call('lt', v('a'), v('b')));
    expect(term('a <= b')).toEqual(call('lte', v('a'), v('b')));
    expect(term('a > b')).toEqual(call('gt', v('a'), v('b')));
  });

  it('parses membership with one and two variables', () => {
    expect(term('x in xs')).toEqual(call('internal.member_2', v('x'), v('xs')));
    expect(term('k, v in xs')).toEqual(call('internal.member_3', v('k'), v('v'), v('xs')));
    expect(term('x in {1, 2} == true')).toEqual(call('internal.member_2', v('x'), call('equal', set(n('1'), n('2')), b(true))));
    expect(term('f(x in xs)')).toEqual(call('f', call('internal.member_2', v('x'), v('xs'))));
  });

  it('spans lines inside parentheses', () => {
    expect(term('(a +\n b)')).toEqual(call('plus', v('a'), v('b')));
  });
});

describe('expressions', () => {
  it('parses unification, assignment, negation and with', () => {
    expect(query('x = data.a.b[_]')).toEqual([
      { type: 'unify', left: v('x'), right: ref(v('data'), s('a'), s('b'), v('$_0')), negated: false, with: [] },
    ]);
    expect(query('[a, b] := f(x)')).toEqual([
      { type: 'assign', left: arr(v('a'), v('b')), right: call('f', v('x')), negated: false, with: [] },
    ]);
    expect(query('not p with input as {"a": 1} with data.q as 2')).toEqual([
      {
        type: 'term',
        term: v('p'),
        negated: true,
        with: [
          { target: input(), value: obj([s('a'), n('1')]) },
          { target: data('q'), value: n('2') },
        ],
      },
    ]);
    expect(query('count(x) with count as mock')).toEqual([
      { type: 'term', term: call('count', v('x')), negated: false, with: [{ target: ref(v('count')), value: v('mock') }] },
    ]);
  });

  it('splits bodies on newlines and semicolons', () => {
    expect(query('a; b\nc')).toEqual([
      { type: 'term', term: v('a'), negated: false, with: [] },
      { type: 'term', term: v('b'), negated: false, with: [] },
      { type: 'term', term: v('c'), negated: false, with: [] },
    ]);
  });

  it('parses some declarations', () => {
    expect(query('some x, y')).toEqual([{ type: 'some', vars: [v('x'), v('y')], negated: false, with: [] }]);
    expect(query('some x in xs')).toEqual([{ type: 'somein', value: v('x'), collection: v('xs'), negated: false, with: [] }]);
    expect(query('some k, v in input.o')).toEqual([
      { type: 'somein', key: v('k'), value: v('v'), collection: input('o'), negated: false, with: [] },
    ]);
    expect(query('some [a, b] in pairs')).toEqual([
      { type: 'somein', value: arr(v('a'), v('b')), collection: v('pairs'), negated: false, with: [] },
    ]);
  });

  it('parses every with one and two variables', () => {
    expect(query('every x in xs { x > 0 }')).toEqual([
      {
        type: 'every',
        value: v('x'),
        domain: v('xs'),
        body: [{ type: 'term', term: call('gt', v('x'), n('0')), negated: false, with: [] }],
        negated: false,
        with: [],
      },
    ]);
    expect(query('every k, v in o {\n k != v\n}')).toEqual([
      {
        type: 'every',
        key: v('k'),
        value: v('v'),
        domain: v('o'),
        body: [{ type: 'term', term: call('neq', v('k'), v('v')), negated: false, with: [] }],
        negated: false,
        with: [],
      },
    ]);
  });
});

describe('queries as the conformance harness writes them', () => {
  it('parses data refs unified with vars and iteration', () => {
    expect(query('data.test.p = x')).toEqual([
      { type: 'unify', left: ref(v('data'), s('test'), s('p')), right: v('x'), negated: false, with: [] },
    ]);
    expect(query('x = data.a.b[_]; y := x')).toEqual([
      { type: 'unify', left: v('x'), right: ref(v('data'), s('a'), s('b'), v('$_0')), negated: false, with: [] },
      { type: 'assign', left: v('y'), right: v('x'), negated: false, with: [] },
    ]);
  });

  it('records expression and term locations', () => {
    const { parseQuery } = jest.requireActual('../../../src/compiler/parser');
    const [e] = parseQuery('  x := [1,\n 2]', 'q.rego');
    expect(e.loc).toEqual({ file: 'q.rego', row: 1, col: 3 });
    expect(e.right.loc).toEqual({ file: 'q.rego', row: 1, col: 8 });
    expect(e.right.items[1].loc).toEqual({ file: 'q.rego', row: 2, col: 2 });
  });
});

describe('comprehension ambiguities resolved as OPA does', () => {
  it('falls back to a collection when the would-be body stops at a comma', () => {
    expect(term('[{1} | {2}, 3]')).toEqual(arr(call('or', set(n('1')), set(n('2'))), n('3')));
    expect(term('{a | b, c}')).toEqual(set(call('or', v('a'), v('b')), v('c')));
  });

  it('rejects an operator expression as a comprehension head, as OPA does (opa#4215)', () => {
    const { parseQuery } = jest.requireActual('../../../src/compiler/parser');
    expect(() => parseQuery('[x * 2 | some x in xs]', 'q')).toThrow('q:1:10: rego_parse_error: unexpected some keyword');
    expect(term('[(x * 2) | some x in xs]').type).toBe('arraycomp');
  });
});
