import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startPlayground, type RunningPlayground } from '../../src/main/playground';
import { ActivityTap } from './activityTap';
import { users } from './activities';
import { BotHarness } from './botHarness';
import { PlaygroundChat } from './playgroundChat';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface PlaygroundRig {
  harness: BotHarness;
  tap: ActivityTap;
  playground: RunningPlayground;
  browser: Browser;
  /** The Playground in a new browser page: it installs the bot in its personal chat, as on first use. */
  openChat(): Promise<{ chat: PlaygroundChat; welcome: Awaited<ReturnType<PlaygroundChat['open']>> }>;
  stop(): Promise<void>;
}

/**
 * The bot with its fixed clock and embedded database (BotHarness), the Agents Playground in
 * front of it with a recording relay between them, and one headless Chromium: started once per
 * test file, since the Playground and the browser take seconds to start on a 2-core machine.
 */
export async function startPlaygroundRig(now: string, planFiles?: string[]): Promise<PlaygroundRig> {
  const harness = new BotHarness(now);
  await harness.start(planFiles);
  // As npm start does: the Playground reports en-US, its demo user works in Danish.
  await harness.repos.preferences.save(users.alex.aadObjectId, { language: 'da' });
  const tap = new ActivityTap(`${harness.server.url}/api/messages`);
  await tap.start();
  const playground = await startPlayground(tap.url, await freePort(), join(__dirname, '..', '..'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    harness,
    tap,
    playground,
    browser,
    async openChat() {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const chat = new PlaygroundChat(page, tap);
      const welcome = await chat.open(playground.url);
      return { chat, welcome };
    },
    async stop() {
      await browser.close();
      await playground.stop();
      await tap.stop();
      await harness.stop();
    },
  };
}
