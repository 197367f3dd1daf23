import { Command } from 'commander';
import { UserError } from '../errors';

/** Placeholder registration; replaced by the command's implementation. */
export function register(program: Command): void {
  program.command('build').description('(not built yet)').allowUnknownOption().action(() => {
    throw new UserError('build: not built yet');
  });
}
