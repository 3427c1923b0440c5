import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { parseConfig } from '../../src/config/config';
import { silentLogger } from '../../src/logging/logger';
import { createQuestionRewriter } from '../../src/teams/languageModel';
import { messageActivity, users } from '../support/activities';
import { cardOf, textsOf } from '../support/botHarness';
import { CaptureConnector } from '../support/captureConnector';

/**
 * The optional model path. A local HTTPS server plays the Azure OpenAI deployment (teams-ai takes
 * only HTTPS endpoints; the bot runs in its own process so it can trust the throwaway certificate
 * through NODE_EXTRA_CA_CERTS). It records each chat-completions request and answers with a
 * rewritten command.
 */
describe('questions the deterministic parser cannot read', () => {
  const requests: { url: string; body: { messages: { role: string; content: string }[] } }[] = [];
  const connector = new CaptureConnector();
  let answer = 'status Din Fritid 2025';
  let openai: Server;
  let bot: ChildProcess;
  let botUrl = '';

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-openai-'));
    // A throwaway certificate from an npm package, so the test needs no openssl on the machine.
    const pem = await Promise.resolve(selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], { notAfterDate: new Date(Date.now() + 86_400_000), keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] }));
    writeFileSync(join(dir, 'cert.pem'), pem.cert);
    openai = createServer({ key: pem.private, cert: pem.cert }, (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        requests.push({ url: req.url ?? '', body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 0, model: 'gpt-4o-mini', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: answer } }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
      });
    });
    await new Promise<void>((resolve) => openai.listen(0, '127.0.0.1', () => resolve()));
    await connector.start();
    bot = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'support', 'botProcess.ts')], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'), AZURE_OPENAI_ENDPOINT: `https://127.0.0.1:${(openai.address() as AddressInfo).port}`, AZURE_OPENAI_API_KEY: 'test-key', AZURE_OPENAI_DEPLOYMENT: 'logbog-test', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(bot.stdout!, 'data')) as [Buffer];
    botUrl = (JSON.parse(line.toString()) as { url: string }).url;
  }, 60_000);
  afterAll(async () => {
    bot?.kill('SIGTERM');
    if (bot) await once(bot, 'exit');
    await connector.stop();
    await new Promise<void>((resolve) => openai.close(() => resolve()));
  });

  async function say(text: string) {
    const conversationId = `conv-${users.alex.id}`;
    const before = connector.messagesTo(conversationId).length;
    const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(messageActivity(users.alex, connector.url, conversationId, text)) });
    expect(res.status).toBe(200);
    return connector.messagesTo(conversationId).slice(before);
  }

  it('asks the configured model to rewrite it into a command, and answers that command from the rollups', async () => {
    const [reply] = await say('Kan du fortælle mig lidt om hvordan det står til med Din Fritid-arbejdet?');
    expect(textsOf(cardOf(reply))[0]).toBe('Status 2025: Din Fritid');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toMatch(/^\/openai\/deployments\/logbog-test\/chat\/completions/);
    expect(requests[0]!.body.messages.at(-1)).toEqual({ role: 'user', content: 'Kan du fortælle mig lidt om hvordan det står til med Din Fritid-arbejdet?' });
  });

  it('does not ask the model what the deterministic parser reads itself', async () => {
    const before = requests.length;
    await say('status legepatrulje 2025');
    await say('hvordan går det med Din Fritid?');
    expect(requests).toHaveLength(before);
  });

  it('falls back to the deterministic answer when the model cannot rewrite it', async () => {
    answer = 'INGEN';
    const [reply] = await say('Hvad synes du om vejret?');
    expect(reply!.text).toBe('Jeg forstår ikke "Hvad synes du om vejret?". Skriv **hjælp** for at se, hvad jeg kan.');
  });

  it('is not built at all without an Azure OpenAI endpoint in the configuration', () => {
    const config = parseConfig({});
    expect(config.languageModel).toBeUndefined();
    expect(createQuestionRewriter(config.languageModel, silentLogger)).toBeUndefined();
  });
});
