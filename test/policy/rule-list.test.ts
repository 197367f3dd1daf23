/**
 * `apg rules`: the rules of the packs in use from their METADATA, as text, JSON and markdown; the
 * rule table in policies/README.md is the markdown and must not drift from the pack.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { main } from '../../src/cli/main';
import { packSources, ruleInfos } from '../../src/policy/pack';
import { markdownTable, replaceTable, TABLE_BEGIN, TABLE_END } from '../../src/policy/rule-list';

const README = resolve(__dirname, '../../policies/README.md');
const TEAM_PACK = resolve(__dirname, '../../examples/team-policies');

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  try {
    return { code: await main(args), out };
  } finally {
    spy.mockRestore();
  }
}

describe('the README rule table', () => {
  it('is the markdown of the built-in pack (regenerate: node bin/apg.js rules --format markdown --update policies/README.md)', () => {
    const readme = readFileSync(README, 'utf8');
    const table = readme.slice(readme.indexOf(TABLE_BEGIN) + TABLE_BEGIN.length + 1, readme.indexOf(TABLE_END));
    expect(table).toBe(markdownTable(ruleInfos(packSources())));
  });

  it('replaceTable rewrites only the text between the markers', () => {
    const doc = `intro\n${TABLE_BEGIN}\nold\n${TABLE_END}\nafter\n`;
    expect(replaceTable('x.md', doc, 'new\n')).toBe(`intro\n${TABLE_BEGIN}\nnew\n${TABLE_END}\nafter\n`);
    expect(() => replaceTable('x.md', 'no markers', 'new\n')).toThrow('x.md: no rule table markers');
  });
});

describe('apg rules', () => {
  it('lists every built-in rule with its severity, types and checks (text)', async () => {
    const { code, out } = await run(['rules']);
    expect(code).toBe(0);
    const count = ruleInfos(packSources()).length;
    expect(out).toContain(`\n${count} rules\n`);
    expect(out).toMatch(/^key-vault-hardening {2}deny {2}Key Vault is hardened$/m);
    expect(out).toContain('  check:  key-vault-hardening/purge-protection  purge protection on');
    expect(out).toContain('  types:  azurerm_key_vault');
  });

  it('gives JSON with full check ids, and adds team packs with --policies', async () => {
    const { out } = await run(['rules', '--format', 'json', '--policies', TEAM_PACK]);
    const rules = JSON.parse(out) as { id: string; severity: string; checks: { id: string }[]; resourceTypes: string[] }[];
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['team-required-tags', 'team-allowed-locations', 'no-exposed-keys']));
    expect(rules.find((r) => r.id === 'scale-to-zero')!.checks.map((c) => c.id)).toEqual(['scale-to-zero/min-replicas', 'scale-to-zero/max-replicas']);
  });

  it('--no-builtin-policies lists the team pack alone, as markdown', async () => {
    const { out } = await run(['rules', '--format', 'markdown', '--policies', TEAM_PACK, '--no-builtin-policies']);
    const rows = out.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => r.split(' | ')[0])).toEqual(['| `team-allowed-locations`', '| `team-required-tags`']);
  });
});
