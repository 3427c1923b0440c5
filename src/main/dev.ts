/**
 * `npm start`: everything on one machine. The embedded Cosmos DB-compatible server keeps its
 * data in ./data, the demo plan is (re)imported, the bot listens on :3978, and the Microsoft 365
 * Agents Playground opens on :56150 with its default user (Alex Wilber, alexw@example.com, whom the
 * demo plan names by e-mail address), or another of its users (PLAYGROUND_USER=<e-mail address>).
 */
import { join, resolve } from 'node:path';
import { ConfigError, parseConfig } from '../config/config';
import { systemClock } from '../domain/clock';
import { createLogger } from '../logging/logger';
import { startServer } from '../server';
import { importPlan } from '../usecases/importPlan';
import { formatIssues, readPlanFile } from '../store/planFile';
import { dashboardUrl } from '../http/dashboard/dashboardUser';
import { playgroundUser, playgroundUsers, startPlayground } from './playground';
import { installProcessGuards } from './processGuards';

const ROOT = join(__dirname, '..', '..');
const DEMO_PLANS = (process.env.DEMO_PLANS ?? 'plans/husum-tingbjerg-2024-2028.yaml').split(',').filter(Boolean);
const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);

async function main(): Promise<void> {
  const config = parseConfig({ EMBEDDED_COSMOS_DATA_DIR: join(ROOT, 'data'), ...process.env });
  // PLAYGROUND_USER=meganb@example.com npm start: act as another of the Playground's users.
  const actingAs = playgroundUser(process.env.PLAYGROUND_USER ?? 'alexw@example.com');
  if (!actingAs) throw new Error(`PLAYGROUND_USER=${process.env.PLAYGROUND_USER}: ingen af Agents Playgrounds brugere har den e-mailadresse (${playgroundUsers.map((u) => u.email).join(', ')})`);
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, { logger });
  for (const file of DEMO_PLANS) {
    // Relative to the project, or absolute: resolve keeps an absolute path as it is.
    const { raw, lineOf } = await readPlanFile(resolve(ROOT, file));
    const result = await importPlan(server.repos, systemClock, raw);
    if (!result.ok) throw new Error(formatIssues(file, result.issues, lineOf));
    console.log(`Demoplan indlæst: ${result.stored.plan.name}`);
  }
  // The Playground always reports locale en-US; its default user is a Danish network member, so
  // they start in Danish (unless they chose otherwise with "language english").
  const me = actingAs.aadObjectId;
  if (!(await server.repos.preferences.get(me)).language) await server.repos.preferences.save(me, { ...(await server.repos.preferences.get(me)), language: 'da' });
  const botEndpoint = `http://localhost:${server.port}/api/messages`;
  const playground = process.env.NO_PLAYGROUND ? undefined : await startPlayground(botEndpoint, PLAYGROUND_PORT, ROOT, actingAs.id === 'user-id-0' ? undefined : actingAs);
  playground?.process.stdout?.pipe(process.stdout);
  console.log(
    [
      '',
      '  Logbog kører / Logbog is running',
      `  Bot:        ${botEndpoint}`,
      playground ? `  Playground: ${playground.url}   ← åbn i browseren og skriv "hjælp" (du er ${actingAs.name}, ${actingAs.email})` : '  Playground: slået fra (NO_PLAYGROUND)',
      `  Overblik:   ${dashboardUrl(server.port)}   ← ledernes overblik (fanen i Teams), som Alex Wilber`,
      `  Data:       ${config.cosmos.kind === 'embedded' ? config.cosmos.dataDir : config.cosmos.endpoint}`,
      '  Stop med Ctrl+C; data bevares til næste start.',
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await playground?.stop();
    await server.stop();
  };
  installProcessGuards(logger, stop);
  const shutdown = async () => {
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});
