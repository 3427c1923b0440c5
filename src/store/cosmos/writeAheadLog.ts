import { open, readFile, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Durability for the embedded server, which keeps everything in memory: every write it accepts is
 * appended to a log file and flushed to disk (fsync) before its answer leaves, so a write the bot
 * was told succeeded survives a `kill -9`. Writes that finish together share one flush (group
 * commit), so a burst costs one fsync, not one each. At start the log is replayed on top of the
 * last snapshot, in the order the server applied the writes.
 */
export interface LoggedWrite {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The request headers that decide what a write does; the rest (auth, dates, if-match) are left out. */
const MEANINGFUL = ['content-type', 'x-ms-documentdb-partitionkey', 'x-ms-documentdb-is-upsert', 'x-ms-cosmos-is-batch-request', 'x-ms-cosmos-batch-atomic', 'x-ms-cosmos-batch-continue-on-error'];

export function isWrite(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  // Queries are POSTs too, but change nothing.
  return req.headers['x-ms-documentdb-isquery'] === undefined && req.headers['content-type'] !== 'application/query+json';
}

export class WriteAheadLog {
  private file?: FileHandle;
  private queue: { line: string; release: () => void }[] = [];
  private flushing?: Promise<void>;
  private failed?: unknown;

  /** Appends from now on go to this file (after the writes in flight are on disk in the old one). */
  async switchTo(path: string): Promise<void> {
    await this.drain();
    await this.file?.close();
    this.file = await open(path, 'a');
  }

  /** The writes a log holds, in order. A torn last line (a crash mid-append) is dropped. */
  static async read(path: string): Promise<LoggedWrite[]> {
    const text = await readFile(path, 'utf8').catch(() => '');
    const out: LoggedWrite[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        out.push(JSON.parse(line) as LoggedWrite);
      } catch {
        break;
      }
    }
    return out;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.file?.close();
    this.file = undefined;
  }

  /**
   * Wraps the embedded server's request handling: a successful write's answer is held back until
   * its log line is on disk. The line is queued at the moment the server answers, which is the
   * order it applied the writes in.
   */
  attach(server: Server, enabled: () => boolean): void {
    const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!enabled() || !isWrite(req)) {
        for (const h of handlers) h(req, res);
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        if (res.statusCode >= 400) return end(...args);
        const headers = Object.fromEntries(MEANINGFUL.filter((h) => req.headers[h] !== undefined).map((h) => [h, String(req.headers[h])]));
        const line = JSON.stringify({ method: req.method ?? 'POST', url: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') } satisfies LoggedWrite);
        this.append(line, () => {
          if (this.failed) {
            // Not on disk: the write must not be reported as done.
            res.statusCode = 503;
            end(JSON.stringify({ message: 'the embedded database could not write its log' }));
          } else end(...args);
        });
        return res;
      }) as typeof res.end;
      for (const h of handlers) h(req, res);
    });
  }

  private append(line: string, release: () => void): void {
    this.queue.push({ line, release });
    this.kick();
  }

  /** One writer at a time; what arrives while it writes goes in its next round. */
  private kick(): void {
    this.flushing ??= this.flush().finally(() => {
      this.flushing = undefined;
      // Appended after the last round checked the queue, before this promise settled.
      if (this.queue.length) this.kick();
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      try {
        if (this.file) {
          await this.file.write(batch.map((q) => `${q.line}\n`).join(''));
          await this.file.datasync();
        } else throw new Error('the write-ahead log is closed');
      } catch (err) {
        this.failed = err;
      }
      for (const q of batch) q.release();
    }
  }

  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }
}
