/**
 * Seeded random Rego modules exercising the planner: iteration, unification, negation, every,
 * comprehensions, calls, `with`. Many are rejected by the checker (unsafe variables); the rest
 * run, so the IR interpreter and the WASM back end can be compared on them.
 */
import { seededRandom } from './mutate';

export function randomModules(seed: number, count: number): string[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const vars = ['x', 'y', 'x', 'y', 'z', '_'];
  const term = (d: number): string => {
    const r = rnd();
    if (d > 2 || r < 0.3) return pick(['1', '2', '"a"', 'true', 'null', ...vars, 'input.xs', 'input.o', 's']);
    if (r < 0.4) return `[${term(d + 1)}, ${term(d + 1)}]`;
    if (r < 0.5) return `{"k": ${term(d + 1)}}`;
    if (r < 0.6) return `input.xs[${pick(vars)}]`;
    if (r < 0.7) return `count(${term(d + 1)})`;
    if (r < 0.75) return `f(${term(d + 1)})`;
    if (r < 0.85) return `[${pick(vars)} | ${expr(d + 1)}]`;
    if (r < 0.9) return `${term(d + 1)} + ${term(d + 1)}`;
    return `{${pick(vars)} | some ${pick(vars)} in ${term(d + 1)}}`;
  };
  const expr = (d: number): string => {
    const r = rnd();
    if (r < 0.2) return `${pick(vars)} := ${term(d)}`;
    if (r < 0.35) return `${term(d)} = ${term(d)}`;
    if (r < 0.45) return `${term(d)} == ${term(d)}`;
    if (r < 0.55) return `not ${term(d)}`;
    if (r < 0.65) return `some ${pick(vars)} in ${term(d)}`;
    if (r < 0.72) return `some ${pick(vars)}, ${pick(vars)} in ${term(d)}`;
    if (r < 0.8) return `every ${pick(vars)} in ${term(d)} { ${expr(d + 1)} }`;
    if (r < 0.85) return `${term(d)} with input.xs as [1]`;
    return term(d);
  };
  const body = (): string => [
    pick(['some x in input.xs', 'x := input.xs[_]', 'input.xs[x]', 'x = 1']),
    pick(['some y in [1, 2]', 'y := x', 'y = input.o[_]']),
    ...Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => expr(0)),
  ].join('\n  ');
  return Array.from({ length: count }, () =>
    `package t\np := ${term(0)} if {\n  ${body()}\n}\nq contains ${pick(vars)} if {\n  ${body()}\n}\nf(a) := a if { a == 1 }\ns := 1\n`);
}
