import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  conversationId: string;
  path: string;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
}

/**
 * A local HTTP server playing the Bot Connector: the bot posts its replies here, as it would
 * to Teams, and tests read them back.
 */
export class CaptureConnector {
  readonly activities: CapturedActivity[] = [];
  private server?: Server;
  private waiters: (() => void)[] = [];
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        if (req.method === 'POST' && match) {
          this.activities.push({ conversationId: decodeURIComponent(match[1]!), path: req.url ?? '', activity: JSON.parse(body || '{}') });
          this.waiters.splice(0).forEach((w) => w());
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${this.activities.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Messages (not typing indicators) sent to a conversation, in order. */
  messagesTo(conversationId: string) {
    return this.activities.filter((a) => a.conversationId === conversationId && a.activity.type === 'message').map((a) => a.activity);
  }

  clear(): void {
    this.activities.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
