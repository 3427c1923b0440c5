import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/** The embedded Cosmos server in a process of its own, as a real database is elsewhere. */
export async function startCosmosProcess(): Promise<{ child: ChildProcess; endpoint: string; key: string }> {
  const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', join(__dirname, 'embeddedCosmosProcess.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { child, ...(JSON.parse(line.toString()) as { endpoint: string; key: string }) };
}
