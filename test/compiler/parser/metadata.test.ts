import { parseModule } from '../../../src/compiler/parser';
import { compileError, strip } from './helpers';

const parse = (source: string) => parseModule(source, 'm.rego');

describe('METADATA annotations', () => {
  it('attaches a block before the package with scope package', () => {
    const m = parse(`# METADATA
# title: Registry rules
# description: |
#   Checks container registries.
# organizations: [platform]
# authors:
#   - Jane Doe <jane@example.com>
#   - name: Bob
# related_resources:
#   - https://example.com/acr
#   - ref: https://example.com/doc
#     description: the doc
# custom:
#   severity: high
#   tags: [a, b]
package acr
`);
    expect(strip(m.annotations)).toEqual([
      {
        scope: 'package',
        title: 'Registry rules',
        description: 'Checks container registries.\n',
        organizations: ['platform'],
        authors: [{ name: 'Jane Doe', email: 'jane@example.com' }, { name: 'Bob' }],
        related_resources: [{ ref: 'https://example.com/acr' }, { ref: 'https://example.com/doc', description: 'the doc' }],
        custom: { severity: 'high', tags: ['a', 'b'] },
      },
    ]);
    expect(m.annotations[0].loc).toEqual({ file: 'm.rego', row: 1, col: 1 });
  });

  it('attaches a block before a rule to that rule with scope rule', () => {
    const m = parse(`package p

# METADATA
# title: No public registries
# entrypoint: true
# custom:
#   id: ACR-001
deny contains msg if {
  msg := "x"
}

# An ordinary comment.
allow := true
`);
    expect(m.annotations).toEqual([]);
    expect(strip(m.rules[0].annotations)).toEqual({ scope: 'rule', title: 'No public registries', entrypoint: true, custom: { id: 'ACR-001' } });
    expect(m.rules[1].annotations).toBeUndefined();
  });

  it('puts document scope on the module and on the rule; subpackages on the module', () => {
    const m = parse(`# METADATA
# scope: subpackages
# schemas:
#   - input: schema.input
package p

# METADATA
# scope: document
# title: Deny rules
deny contains 1
`);
    expect(strip(m.annotations)).toEqual([
      { scope: 'subpackages', schemas: [{ input: 'schema.input' }] },
      { scope: 'document', title: 'Deny rules' },
    ]);
    expect(m.rules[0].annotations?.scope).toBe('document');
  });

  it('keeps unknown keys as written', () => {
    const m = parse('# METADATA\n# x-owner: team-a\npackage p\n');
    expect(strip(m.annotations)).toEqual([{ scope: 'package', 'x-owner': 'team-a' }]);
  });

  it('only joins comments on consecutive lines starting in column 1', () => {
    const m = parse('package p\n# METADATA\n# title: t\n\n# description: not part of it\np := 1\n');
    expect(strip(m.rules[0].annotations)).toEqual({ scope: 'rule', title: 't' });
  });

  it.each([
    ['# METADATA\n# title: [unclosed\npackage p\n', /^m\.rego:2:\d+: rego_parse_error: invalid METADATA YAML: /],
    ['package p\n# METADATA\n# title: a\n# title: b\np := 1\n', /^m\.rego:4:\d+: rego_parse_error: invalid METADATA YAML: .*unique/i],
    ['package p\n# METADATA\n# scope: galaxy\np := 1\n', /^m\.rego:2:1: rego_parse_error: invalid annotation scope 'galaxy'\. Use one of 'rule', 'document', 'package' or 'subpackages'$/],
    ['# METADATA\n# scope: rule\npackage p\n', /^m\.rego:1:1: rego_parse_error: annotation scope 'rule' must be applied to rule \(node: package\)$/],
    ['package p\n# METADATA\n# scope: package\np := 1\n', /^m\.rego:2:1: rego_parse_error: annotation scope 'package' must be applied to package \(node: rule\)$/],
    ['package p\np := 1\n# METADATA\n# title: dangling\n', /^m\.rego:3:1: rego_parse_error: METADATA block must be followed by a package or a rule$/],
    ['package p\n# METADATA\n#\np := 1\n', /^m\.rego:2:1: rego_parse_error: expected METADATA block, found whitespace$/],
    ['package p\n# METADATA\n# - a\np := 1\n', /^m\.rego:2:1: rego_parse_error: invalid METADATA block: expected a YAML mapping/],
    ['package p\n# METADATA\n# title: [1]\np := 1\n', /^m\.rego:2:1: rego_parse_error: invalid METADATA title: expected a string$/],
    ['package p\n# METADATA\n# entrypoint: yes please\np := 1\n', /^m\.rego:2:1: rego_parse_error: invalid METADATA entrypoint: expected true or false$/],
    ['package p\n# METADATA\n# authors: [{}]\np := 1\n', /'name' and\/or 'email' values required in object$/],
    ['package p\n# METADATA\n# related_resources: [{description: x}]\np := 1\n', /'ref' value required in object$/],
    ['package p\n# METADATA\n# custom: 3\np := 1\n', /invalid METADATA custom: expected a mapping$/],
  ])('reports bad block %#', (source, pattern) => {
    expect(compileError(() => parse(source)).message).toMatch(pattern);
  });

  it('points YAML syntax errors at the comment line that holds them', () => {
    const e = compileError(() => parse('package p\n# METADATA\n# title: ok\n# custom:\n#   a: [1, 2\n#   b: 3\np := 1\n'));
    expect(e.loc.row).toBeGreaterThanOrEqual(5);
    expect(e.loc.row).toBeLessThanOrEqual(6);
  });
});
