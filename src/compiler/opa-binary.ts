/**
 * Finding an `opa` binary to delegate `build` to. `APG_OPA` names one explicitly (an empty value or
 * `builtin` disables delegation); otherwise the first `opa` on PATH is used.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export function findOpaBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.APG_OPA !== undefined) {
    return env.APG_OPA === '' || env.APG_OPA === 'builtin' ? undefined : env.APG_OPA;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'opa');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
