/**
 * cdktf app entry (`npm run synth`, `npx cdktf synth`): validates config/*.yaml, synthesizes one
 * stack per environment into <outdir>/stacks/<env>/cdk.tf.json. Bad config: one line per problem, exit 2.
 */
import { buildApp, BuildOptions } from '../stacks/app';
import { UserError } from '../src/cli/errors';
import { policyGate } from '../src/policy/synth-gate';

/** Synthesizes every environment; returns the stack names in config order. */
export function synthesizeAll(outdir?: string, options: Omit<BuildOptions, 'outdir'> = {}): string[] {
  const { app, stacks } = buildApp({ ...options, outdir });
  app.synth();
  // No gate here: callers that check the output themselves (apg check, tests) would run it twice.
  return stacks.map((s) => s.config.environment);
}

if (require.main === module) {
  try {
    // STACKS_CONFIG_DIR points at another directory of <environment>.yaml files (default: config/).
    const names = synthesizeAll(undefined, { configDir: process.env.STACKS_CONFIG_DIR || undefined });
    process.stderr.write(`synthesized stacks: ${names.join(', ')}\n`);
    policyGate(); // deny findings → exit 1 with the findings listed (APG_SKIP_GATE=1 skips)
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    throw err;
  }
}
