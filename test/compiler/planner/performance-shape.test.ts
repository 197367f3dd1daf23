import { IRInterpreter } from '../support/ir-interpreter';
import { planSources } from '../support/rego';

/** How often each Func body runs in one evaluation (memoised calls are not counted twice). */
function funcRuns(src: string[], entry: string, input: unknown): Map<string, number> {
  const interpreter = new IRInterpreter(planSources(src, [entry]));
  interpreter.evaluate(entry, input);
  return interpreter.calls;
}

const input = { resources: Array.from({ length: 50 }, (_, i) => ({ type: i % 5 === 0 ? 'diag' : 'app', name: `r${i}`, target: `r${i + 1}` })) };

describe('planner: evaluation work', () => {
  it('evaluates a function called with invariant arguments once per evaluation', () => {
    const lib = 'package lib\nof_type(t) := [r | some r in input.resources; r.type == t]';
    const rule = `package p
import data.lib
deny contains r.name if {
  some r in lib.of_type("app")
  not monitored(r)
}
monitored(r) if {
  some d in lib.of_type("diag")
  d.target == r.name
}`;
    const runs = funcRuns([lib, rule], 'p/deny', input);
    expect(runs.get('g0.data.lib.of_type')).toBe(2);
    expect(runs.get('g0.data.p.monitored')).toBe(40);
  });

  it('evaluates each rule once however many rules read it', () => {
    const src = `package p
apps := [r | some r in input.resources; r.type == "app"]
a contains r.name if { some r in apps; endswith(r.name, "1") }
b contains r.name if { some r in apps; endswith(r.name, "2") }
all := a | b`;
    const runs = funcRuns([src], 'p/all', input);
    expect(runs.get('g0.data.p.apps')).toBe(1);
    expect(runs.get('g0.data.p.a')).toBe(1);
  });

  it('stops a complete rule with a constant value at its first success', () => {
    const src = 'package p\nany_app if { some r in input.resources; r.type == "app"; count_it(r) }\ncount_it(r) if r.name';
    const runs = funcRuns([src], 'p/any_app', input);
    expect(runs.get('g0.data.p.count_it')).toBe(1);
  });

  it('builds constant collections once per evaluation, not per iteration', () => {
    const src = 'package p\nhits contains r.name if { some r in input.resources; r.type in ["diag", "other"] }';
    const runs = funcRuns([src], 'p/hits', input);
    const constants = [...runs].filter(([name]) => name.startsWith('const#'));
    expect(constants).toEqual([['const#0', 1]]);
    expect(new IRInterpreter(planSources([src], ['p/hits'])).evaluate('p/hits', input)).toEqual([
      { result: ['r0', 'r10', 'r15', 'r20', 'r25', 'r30', 'r35', 'r40', 'r45', 'r5'] },
    ]);
  });

  it('stops a function body with a constant value at its first success', () => {
    const src = 'package p\nhas_diag(rs) if { some r in rs; r.type == "diag"; seen(r) }\nseen(r) if r.name\nx := has_diag(input.resources)';
    const runs = funcRuns([src], 'p/x', input);
    expect(runs.get('g0.data.p.seen')).toBe(1);
  });
});

