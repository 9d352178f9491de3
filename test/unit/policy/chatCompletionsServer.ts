/**
 * A local HTTP server on loopback that speaks the OpenAI chat-completions API, for testing the
 * optional model phrasing: it records requests and answers as told (content, delay, HTTP error).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatReply {
  content?: string;
  delayMs?: number;
  status?: number;
}

export class ChatServer {
  requests: Record<string, unknown>[] = [];
  reply: (body: Record<string, unknown>) => ChatReply = () => ({ content: 'ok' });
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(private readonly server: http.Server, readonly baseURL: string) {}

  static async start(): Promise<ChatServer> {
    const holder: { self?: ChatServer } = {};
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => holder.self?.handle(req, res, raw));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    holder.self = new ChatServer(server, `http://127.0.0.1:${port}/v1`);
    return holder.self;
  }

  reset(): void {
    this.requests = [];
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404);
      res.end();
      return;
    }
    const body = JSON.parse(raw) as Record<string, unknown>;
    this.requests.push(body);
    const r = this.reply(body);
    const send = () => {
      if (res.destroyed) return;
      if (r.status && r.status >= 400) {
        res.writeHead(r.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'test failure', type: 'server_error' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        id: 'chatcmpl-test', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: String(body.model),
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: r.content ?? '' } }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }));
    };
    if (r.delayMs) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        send();
      }, r.delayMs);
      this.timers.add(t);
    } else send();
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
