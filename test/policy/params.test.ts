import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/cli/errors';
import { loadParams, mergeParams } from '../../src/policy/params';
import { MINI_PACK } from './helpers';

describe('parameters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apg-params-'));
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('merges objects key by key and replaces other values', () => {
    expect(mergeParams({ a: 1, env: { dev: { cap: 3, sku: ['B'] } } }, { env: { dev: { sku: ['S'] }, prod: { cap: 9 } } })).toEqual({
      a: 1,
      env: { dev: { cap: 3, sku: ['S'] }, prod: { cap: 9 } },
    });
  });

  it('reads the defaults and a JSON or YAML override', () => {
    expect(loadParams(MINI_PACK)).toEqual({ max_replicas: 5, idle_cap: 1000 });
    expect(loadParams(MINI_PACK, file('p.yaml', 'max_replicas: 7\nenvironments:\n  dev: {max_replicas: 2}\n'))).toEqual({
      max_replicas: 7,
      idle_cap: 1000,
      environments: { dev: { max_replicas: 2 } },
    });
    expect(loadParams(MINI_PACK, file('p.json', '{"idle_cap": 5}'))).toEqual({ max_replicas: 5, idle_cap: 5 });
  });

  it.each([
    ['bad.json', '{"a": ', /bad.json: not valid JSON/],
    ['list.yaml', '- a\n- b\n', /list.yaml: parameters must be an object/],
  ])('rejects %s', (name, text, message) => {
    const path = file(name, text);
    expect(() => loadParams(MINI_PACK, path)).toThrow(UserError);
    expect(() => loadParams(MINI_PACK, path)).toThrow(message);
  });

  it('names a missing file', () => {
    expect(() => loadParams(MINI_PACK, join(dir, 'nope.yaml'))).toThrow(`${join(dir, 'nope.yaml')}: no such file`);
  });
});
