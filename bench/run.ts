/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (each in this process, one after the other)
 * and prints their lines. A bench module exports `run(): Promise<string[]>`; each line has the
 * shape `<name>: <median> <unit>` optionally followed by `(floor <f> <unit>, ratio <r>x)`.
 * `npm run bench -- <filter>` runs only the bench files whose name contains <filter>.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const filter = process.argv[2] ?? '';
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
    .sort();
  if (files.length === 0) {
    process.stderr.write(`bench: no bench file matches "${filter}"\n`);
    process.exit(2);
  }
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as { run: () => Promise<string[]> };
    for (const line of await mod.run()) process.stdout.write(`${line}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
