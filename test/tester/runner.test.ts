/**
 * The Rego test runner (src/tester) against the behaviour opa test documents
 * (openpolicyagent.org/docs/policy-testing): each case is a set of modules and the outcome every
 * test must get. Compiled by the project's compiler, evaluated through the SDK.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CompileError } from '../../src/compiler/ast';
import { runTests, type TestResult } from '../../src/tester/runner';

interface Case {
  note: string;
  files: Record<string, string>;
  /** `data.pkg.test_x` → PASS / FAIL / ERROR / SKIPPED, in the order opa test reports them. */
  want: [string, string][];
}

const AUTHZ = `package authz

allow if {
	input.path == ["users"]
	input.method == "POST"
}

allow if {
	input.path == ["users", input.user_id]
	input.method == "GET"
}

allowed_actions(user) := [action |
	some action
	user in data.actions[action]
]

token_ok if {
	[true, _, _] = io.jwt.decode_verify(input.token, {"cert": data.jwks.cert})
}

role_ok if is_admin(input.user)

is_admin(user) if user in data.admins

label_ok if replace(input.label)

replace(label) if label == "test_label"
`;

const CASES: Case[] = [
  {
    note: 'with input as: passing and failing expectations',
    files: {
      'authz.rego': AUTHZ,
      'authz_test.rego': `package authz_test

import data.authz

test_post_allowed if authz.allow with input as {"path": ["users"], "method": "POST"}

test_get_anonymous_denied if not authz.allow with input as {"path": ["users"], "method": "GET"}

test_get_user_allowed if authz.allow with input as {"path": ["users", "bob"], "method": "GET", "user_id": "bob"}

test_wrong_expectation if authz.allow with input as {"path": ["users", "bob"], "method": "GET", "user_id": "alice"}

test_partial_input if authz.allow with input.path as ["users"] with input.method as "POST"
`,
    },
    want: [
      ['data.authz_test.test_post_allowed', 'PASS'],
      ['data.authz_test.test_get_anonymous_denied', 'PASS'],
      ['data.authz_test.test_get_user_allowed', 'PASS'],
      ['data.authz_test.test_wrong_expectation', 'FAIL'],
      ['data.authz_test.test_partial_input', 'PASS'],
    ],
  },
  {
    note: 'with data.x as: base documents replaced, and left alone outside the with',
    files: {
      'authz.rego': AUTHZ,
      'authz_test.rego': `package authz_test

import data.authz

test_actions if authz.allowed_actions("bob") == ["read"] with data.actions as {"read": ["bob"], "write": ["jane"]}

test_no_data if authz.allowed_actions("bob") == []

test_admin if authz.role_ok with input.user as "ann" with data.admins as ["ann"]

test_not_admin if not authz.role_ok with input.user as "bob" with data.admins as ["ann"]
`,
    },
    want: [
      ['data.authz_test.test_actions', 'PASS'],
      ['data.authz_test.test_no_data', 'PASS'],
      ['data.authz_test.test_admin', 'PASS'],
      ['data.authz_test.test_not_admin', 'PASS'],
    ],
  },
  {
    note: 'with on functions: a builtin replaced by a function and by a value, a rule function by a value and by a builtin',
    files: {
      'authz.rego': AUTHZ,
      'authz_test.rego': `package authz_test

import data.authz

mock_decode_verify("my-jwt", _) := [true, {}, {}]

mock_decode_verify(x, _) := [false, {}, {}] if x != "my-jwt"

test_builtin_by_function if {
	authz.token_ok with input.token as "my-jwt" with data.jwks.cert as "c" with io.jwt.decode_verify as mock_decode_verify
}

test_builtin_by_function_denied if {
	not authz.token_ok with input.token as "other" with data.jwks.cert as "c" with io.jwt.decode_verify as mock_decode_verify
}

test_builtin_by_value if {
	authz.token_ok with input.token as "x" with data.jwks.cert as "c" with io.jwt.decode_verify as [true, {}, {}]
}

test_function_by_value if authz.role_ok with input.user as "bob" with authz.is_admin as true

test_function_by_builtin if authz.label_ok with input.label as "x" with authz.replace as is_string

test_rule_by_value if authz.allow with authz.allow as true
`,
    },
    want: [
      ['data.authz_test.test_builtin_by_function', 'PASS'],
      ['data.authz_test.test_builtin_by_function_denied', 'PASS'],
      ['data.authz_test.test_builtin_by_value', 'PASS'],
      ['data.authz_test.test_function_by_value', 'PASS'],
      ['data.authz_test.test_function_by_builtin', 'PASS'],
      ['data.authz_test.test_rule_by_value', 'PASS'],
    ],
  },
  {
    note: 'results: non-true values fail, runtime errors are ERROR, todo_test_ is SKIPPED, tests in any package',
    files: {
      'p.rego': `package p

conflict := 1 if input.x
conflict := 2 if input.x

test_in_a_policy_package if true
`,
      'nested/q_test.rego': `package q.deeper

test_ok if true

test_false if false

test_value_not_true := 1

test_undefined if input.missing

test_set contains 1

test_error if data.p.conflict with input.x as true

todo_test_later if false

helper_test_only_by_name := false
`,
    },
    want: [
      ['data.q.deeper.test_ok', 'PASS'],
      ['data.q.deeper.test_false', 'FAIL'],
      ['data.q.deeper.test_value_not_true', 'FAIL'],
      ['data.q.deeper.test_undefined', 'FAIL'],
      ['data.q.deeper.test_set', 'FAIL'],
      ['data.q.deeper.test_error', 'ERROR'],
      ['data.q.deeper.todo_test_later', 'SKIPPED'],
      ['data.p.test_in_a_policy_package', 'PASS'],
    ],
  },
  {
    note: 'two rules of one test name are two tests (test_x, test_x#01), as opa test runs them',
    files: {
      'd_test.rego': `package d

test_x if 1 == 1

test_x if 1 == 2

test_x if 2 == 2
`,
    },
    want: [
      ['data.d.test_x', 'PASS'],
      ['data.d.test_x#01', 'FAIL'],
      ['data.d.test_x#02', 'PASS'],
    ],
  },
  {
    note: 'data files become data at their folder path, as apg build reads them',
    files: {
      'cfg/data.json': '{"limit": 3}',
      't_test.rego': `package t

test_limit if data.cfg.limit == 3

test_limit_replaced if data.cfg.limit == 5 with data.cfg.limit as 5
`,
    },
    want: [
      ['data.t.test_limit', 'PASS'],
      ['data.t.test_limit_replaced', 'PASS'],
    ],
  },
  {
    note: 'a test reaching a builtin the compiler cannot provide, without with, is an ERROR; the others run',
    files: {
      'authz.rego': AUTHZ,
      'authz_test.rego': `package authz_test

import data.authz

test_mocked if authz.token_ok with input.token as "x" with data.jwks.cert as "c" with io.jwt.decode_verify as [true, {}, {}]

test_unmocked if not authz.token_ok with input.token as "x" with data.jwks.cert as "c"

test_other if authz.allow with input as {"path": ["users"], "method": "POST"}
`,
    },
    want: [
      ['data.authz_test.test_mocked', 'PASS'],
      ['data.authz_test.test_unmocked', 'ERROR'],
      ['data.authz_test.test_other', 'PASS'],
    ],
  },
  {
    note: 'a parameterized test is an ERROR that says so, never a silent pass',
    files: {
      'pt_test.rego': `package pt

test_concat[note] if {
	some note, tc in {"a": {"x": [1], "want": [1]}, "b": {"x": [2], "want": [3]}}
	tc.x == tc.want
}

test_plain if true
`,
    },
    want: [
      ['data.pt.test_concat', 'ERROR'],
      ['data.pt.test_plain', 'PASS'],
    ],
  },
];

function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apg-test-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const outcome = (r: TestResult): string => (r.skip ? 'SKIPPED' : r.error ? 'ERROR' : r.fail ? 'FAIL' : 'PASS');

describe('apg test runner (opa test semantics)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.each(CASES.map((c) => [c.note, c] as const))('%s', async (_note, c) => {
    const dir = writeTree(c.files);
    dirs.push(dir);
    const { results } = await runTests([dir]);
    expect(results.map((r) => [`${r.package}.${r.name}`, outcome(r)])).toEqual(c.want);
  });

  it('reports where each test is and what an error was', async () => {
    const dir = writeTree(CASES[3].files);
    dirs.push(dir);
    const { results } = await runTests([dir]);
    const error = results.find((r) => r.name === 'test_error')!;
    expect(error.error).toEqual({ code: 'eval_conflict_error', message: expect.stringContaining('multiple outputs') });
    expect(error.location).toEqual({ file: join(dir, 'nested', 'q_test.rego'), row: 13, col: 1 });
    const param = (await runTests([writeTree(CASES[7].files)])).results[0];
    expect(param.error?.message).toMatch(/^unsupported: parameterized test/);
  });

  it('print() output is captured per test, an undefined operand as <undefined>, as opa test does', async () => {
    const dir = writeTree({
      'p_test.rego': `package p

test_prints if {
	x := {"a": [1, "b"]}
	print("x is", x, input.missing)
}

test_silent if true

test_prints_then_fails if {
	some n in [1, 2]
	print("n", n)
	n > 5
}
`,
    });
    dirs.push(dir);
    const { results } = await runTests([dir]);
    expect(results.map((r) => [r.name, outcome(r), r.output])).toEqual([
      ['test_prints', 'PASS', 'x is {"a": [1, "b"]} <undefined>\n'],
      ['test_silent', 'PASS', undefined],
      ['test_prints_then_fails', 'FAIL', 'n 1\nn 2\n'],
    ]);
  });

  it('--run keeps the tests whose full name matches', async () => {
    const dir = writeTree(CASES[0].files);
    dirs.push(dir);
    const { results } = await runTests([dir], { run: /authz_test\.test_get_/ });
    expect(results.map((r) => r.name)).toEqual(['test_get_anonymous_denied', 'test_get_user_allowed']);
  });

  it('a module that does not compile is a positioned error, as in opa test', async () => {
    const dir = writeTree({ 'a_test.rego': 'package a\n\ntest_x if {\n\tnot_a_function(1)\n}\n' });
    dirs.push(dir);
    await expect(runTests([dir])).rejects.toThrow(CompileError);
    await expect(runTests([dir])).rejects.toThrow(`${join(dir, 'a_test.rego')}:4:2: rego_type_error: undefined function not_a_function`);
  });
});
