import { Command } from 'commander';
import { UserError } from '../errors';

/** Placeholder registration; replaced by the command's implementation. */
export function register(program: Command): void {
  program.command('prices').description('(not built yet)').allowUnknownOption().action(() => {
    throw new UserError('prices: not built yet');
  });
}
