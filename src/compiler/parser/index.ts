/**
 * Rego v1 parser: `parseModule` for policy files, `parseQuery` for ad-hoc queries. Both return the
 * AST of ../ast.ts or throw a CompileError `<file>:<row>:<col>: rego_parse_error: ...`.
 */
import { CompileError, type Body, type Module } from '../ast';
import { lex } from './lexer';
import { attachAnnotations } from './metadata';
import { ModuleParser } from './module';

/** Larger sources are refused outright: no policy is this big, and parsing it would be slow. */
export const MAX_SOURCE_BYTES = 10 * 1024 * 1024;

function checkSize(source: string, file: string): void {
  // UTF-16 length is a lower bound of the UTF-8 size; exact enough for a guard.
  if (source.length > MAX_SOURCE_BYTES) {
    throw new CompileError({ file, row: 1, col: 1 }, `rego_parse_error: source too large (${source.length} characters, limit ${MAX_SOURCE_BYTES})`);
  }
}

export function parseModule(source: string, file: string): Module {
  checkSize(source, file);
  const { tokens, comments } = lex(source, file);
  const parsed = new ModuleParser(tokens, file).parseModule();
  const annotations = attachAnnotations(comments, parsed.statements, file);
  return {
    file,
    package: parsed.package,
    imports: parsed.imports,
    rules: parsed.rules,
    annotations,
    loc: parsed.packageLoc,
  };
}

export function parseQuery(source: string, file: string): Body {
  checkSize(source, file);
  const { tokens } = lex(source, file);
  return new ModuleParser(tokens, file).parseQueryBody();
}
