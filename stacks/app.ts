/** Builds the cdktf App: one PlatformStack per validated environment config. */
import { App } from 'cdktf';
import { loadEnvironments, DEFAULT_CONFIG_DIR } from './config/load';
import type { EnvironmentConfig } from './config/schema';
import { PlatformStack } from './platform-stack';
import { withStackTraces } from './stack-traces';

export interface BuildOptions {
  /** Output directory; default: CDKTF_OUTDIR (set by `cdktf synth`) or `cdktf.out`. */
  outdir?: string;
  /** Directory of `<environment>.yaml` files; default: the repository's `config/`. */
  configDir?: string;
  /** Already validated configs (tests); skips reading `configDir`. */
  configs?: EnvironmentConfig[];
}

export function buildApp(options: BuildOptions = {}): { app: App; stacks: PlatformStack[] } {
  const configs = options.configs ?? loadEnvironments(options.configDir ?? DEFAULT_CONFIG_DIR);
  // skipValidation: cdktf's construct validation only re-checks what the zod schema already checked.
  const app = new App({ outdir: options.outdir, skipValidation: true });
  // Each resource's //.metadata.stackTrace names the stacks/ line that created it (findings annotate it).
  const stacks = withStackTraces(() => configs.map((config) => new PlatformStack(app, config)));
  return { app, stacks };
}
