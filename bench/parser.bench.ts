/**
 * Parser speed on the project's policy pack. Two figures: the whole `parseModule` (lexer, parser,
 * METADATA YAML through the `yaml` package), and the Rego grammar alone (lexer + parser) against a
 * floor of lexing alone, the linear pass the parser cannot beat.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseModule } from '../src/compiler/parser';
import { lex } from '../src/compiler/parser/lexer';
import { ModuleParser } from '../src/compiler/parser/module';
import { benchLine, timeMs } from './stats';

function regoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return regoFiles(full);
    return name.endsWith('.rego') ? [full] : [];
  });
}

export async function run(): Promise<string[]> {
  const files = regoFiles(join(__dirname, '../policies')).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const full = await timeMs(() => files.forEach((f) => parseModule(f.text, f.path)), 30, 5);
  const grammar = await timeMs(() => files.forEach((f) => new ModuleParser(lex(f.text, f.path).tokens, f.path).parseModule()), 30, 5);
  const lexOnly = await timeMs(() => files.forEach((f) => lex(f.text, f.path)), 30, 5);
  return [
    benchLine(`parser: policy pack, parseModule with METADATA (${files.length} files)`, full, 'ms'),
    benchLine(`parser: policy pack, lexer + parser without METADATA (${files.length} files)`, grammar, 'ms', lexOnly),
  ];
}
