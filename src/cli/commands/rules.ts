/**
 * `apg rules`: lists every rule of the packs in use (the built-in pack, apg.yaml's packs and
 * `--policies`), from METADATA alone (nothing is compiled): id, severity, title, resource types,
 * description and the checks each rule holds.
 */
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { packSources, ruleInfos } from '../../policy/pack';
import { readProjectConfig } from '../../policy/project-config';
import { RULE_LIST_FORMATS, renderRuleList, updateTable, type RuleListFormat } from '../../policy/rule-list';
import { collect } from './check';

interface RulesFlags {
  format: RuleListFormat;
  policies?: string[];
  builtinPolicies?: boolean;
  update?: string;
}

export function runRules(flags: RulesFlags, write: (text: string) => void): number {
  const project = readProjectConfig();
  const extraDirs = [...new Set([...project.packs, ...(flags.policies ?? []).map((d) => resolve(d))])];
  const rules = ruleInfos(packSources({ extraDirs, builtinRules: flags.builtinPolicies === false ? false : project.builtin }));
  if (flags.update) {
    const changed = updateTable(flags.update, rules);
    process.stderr.write(`${flags.update}: rule table ${changed ? 'updated' : 'already up to date'} (${rules.length} rules)\n`);
    return 0;
  }
  write(renderRuleList(rules, flags.format));
  return 0;
}

export function register(program: Command): void {
  program
    .command('rules')
    .description('list the rules of the packs in use: id, severity, title, resource types, description, checks')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...RULE_LIST_FORMATS]).default('text'))
    .option('--policies <dir>', 'a team rule pack added beside the built-in one (repeatable)', collect, [])
    .option('--no-builtin-policies', 'leave out the built-in rules')
    .option('--update <file>', 'rewrite the markdown rule table between the rules:begin/end markers of <file> (e.g. policies/README.md)')
    .action((flags: RulesFlags) => {
      process.exitCode = runRules(flags, (text) => process.stdout.write(text));
    });
}
