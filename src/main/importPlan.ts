/**
 * `npm run import-plan -- <plan.yaml> [...]`: validates plan files and stores them in the
 * configured database (Azure Cosmos DB, or the embedded server's data folder).
 */
import { parseConfig } from '../config/config';
import { systemClock } from '../domain/clock';
import { createLogger } from '../logging/logger';
import { openCosmosStore } from '../store/cosmos/connect';
import { resolve } from 'node:path';
import { importPlan } from '../usecases/importPlan';
import { formatIssues, readPlanFile } from '../store/planFile';

async function main(files: string[]): Promise<number> {
  if (!files.length) {
    console.error('Brug: npm run import-plan -- plans/husum-tingbjerg-2024-2028.yaml');
    return 2;
  }
  const config = parseConfig({ EMBEDDED_COSMOS_DATA_DIR: 'data', ...process.env });
  const logger = createLogger(config.logLevel);
  const store = await openCosmosStore(config.cosmos, logger);
  let failed = 0;
  try {
    // npm runs scripts from the project folder; a relative path means the folder the user typed it in.
    const from = process.env.INIT_CWD ?? process.cwd();
    for (const file of files.map((f) => resolve(from, f))) {
      const { raw, lineOf } = await readPlanFile(file);
      const result = await importPlan(store.repositories, systemClock, raw);
      if (result.ok) console.log(`${file}: importeret som "${result.stored.plan.id}" (revision ${result.stored.revision})`);
      else {
        failed++;
        console.error(formatIssues(file, result.issues, lineOf));
      }
    }
  } finally {
    await store.close();
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
