import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { silentLogger } from '../../src/logging/logger';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/cosmos/embeddedCosmos';

/**
 * What the bot loads at start, read from the process of the production entry (src/main/bot.ts)
 * once it listens. Libraries that only some requests or some configurations need are loaded when
 * first needed, so a bot that never uses them does not carry them (issue 14, memory).
 */
const root = join(__dirname, '..', '..');

async function packagesAtStart(env: Record<string, string>): Promise<string[]> {
  const bot: ChildProcess = spawn(process.execPath, ['-r', join(root, 'test', 'support', 'loadedPackages.js'), '--import', 'tsx', join(root, 'src', 'main', 'bot.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', SCHEDULER_INTERVAL_SECONDS: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  try {
    // pino writes a JSON line per entry; "Logbog lytter" comes when the HTTP server listens.
    let out = '';
    bot.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    while (!out.includes('Logbog lytter')) {
      const exited = once(bot, 'exit').then(([code]) => {
        throw new Error(`the bot exited (${String(code)}) before listening: ${out}`);
      });
      await Promise.race([once(bot.stdout!, 'data'), exited]);
    }
    const answer = once(bot, 'message') as Promise<[string[]]>;
    bot.send('packages');
    return (await answer)[0];
  } finally {
    bot.kill('SIGTERM');
    if (bot.exitCode === null) await once(bot, 'exit');
  }
}

describe('the libraries the bot loads at start', () => {
  let cosmos: EmbeddedCosmos;
  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos({ port: 0, logger: silentLogger });
  });
  afterAll(async () => {
    await cosmos.stop();
  });

  it('with the database elsewhere and no language model, leaves out the embedded database, the model client and the Word report libraries', async () => {
    const loaded = await packagesAtStart({ COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key });
    // The libraries every turn uses are there, so the list is read from a bot that has started.
    expect(loaded).toEqual(expect.arrayContaining(['@microsoft/teams-ai', 'botbuilder', '@azure/cosmos', 'adaptivecards-templating', 'express']));
    for (const lazy of ['@vercel/cosmosdb-server', '@zeit/cosmosdb-query', 'openai', 'gpt-tokenizer', 'docx', 'pngjs']) expect(loaded).not.toContain(lazy);
  }, 60_000);

  it('with the embedded database and a language model configured, loads both at start', async () => {
    const loaded = await packagesAtStart({ AZURE_OPENAI_ENDPOINT: 'https://127.0.0.1:9', AZURE_OPENAI_API_KEY: 'test-key', AZURE_OPENAI_DEPLOYMENT: 'logbog-test' });
    expect(loaded).toEqual(expect.arrayContaining(['@vercel/cosmosdb-server', 'openai']));
    expect(loaded).not.toContain('docx');
  }, 60_000);
});
