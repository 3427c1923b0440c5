import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The node options production starts the bot with: those of package.json's `start:prod`, which
 * App Service runs (infra/modules/appService.bicep: `npm run start:prod`). Read from there, not
 * repeated here, so the memory benchmark measures the bot as it is started and cannot drift.
 * Options are written with `=` (`--max-semi-space-size=4`): the first bare word is the script.
 */
export function productionNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = (pkg.scripts['start:prod'] ?? '').trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`start:prod does not start with node: ${pkg.scripts['start:prod']}`);
  const entry = words.findIndex((w, i) => i > 0 && !w.startsWith('-'));
  if (entry < 0) throw new Error(`start:prod names no script: ${pkg.scripts['start:prod']}`);
  return words.slice(1, entry);
}
