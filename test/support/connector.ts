/**
 * A local stand-in for the Bot Connector service: the parts of its public REST API that the
 * bot calls (send, reply, update, delete activity; create conversation; members; team details).
 * It records everything, assigns activity ids, and can be told to fail: 429 with Retry-After,
 * 500, or hang; at random at a given rate; or when Teams' per-thread rate limits are exceeded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Account { id: string; name?: string; aadObjectId?: string; role?: string; email?: string; userPrincipalName?: string }

/** A bot activity as the bot sent it (loosely typed: tests inspect what matters). */
export interface SentActivity {
  type: string;
  id?: string;
  text?: string;
  summary?: string;
  replyToId?: string;
  attachments?: { contentType: string; content: Record<string, unknown> & { body?: unknown[]; actions?: unknown[] } }[];
  channelData?: Record<string, unknown>;
  conversation?: { id: string };
  recipient?: Account;
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Decoded conversation id, when the path has one. */
  conversationId?: string;
  /** Decoded activity id in the path (reply target or activity being updated). */
  activityId?: string;
  body: unknown;
  /** The status the stand-in answered with. */
  status: number;
  /** The activity id the stand-in assigned (successful sends only). */
  assignedId?: string;
  /** When it was answered (or began to hang), after any slowDown. */
  at: number;
  /** When its body had arrived (before any slowDown). */
  receivedAt: number;
}

/**
 * `hang`: the request is never answered and nothing is created; with `created`, the call takes
 * effect (the activity or thread exists) but its answer never comes, as when Teams created a
 * post and the response was lost. `delayMs`: it takes effect now, the answer comes that late.
 */
export type Fault = { status: 429; retryAfterSeconds?: number } | { status: 500 | 502 | 503 | 504 | 412 } | { status: 400 | 403 | 404 } | { hang: true; created?: boolean } | { delayMs: number };

export interface ConversationRecord {
  id: string;
  /** Activities currently in the conversation, by id, after updates and deletes. */
  activities: Map<string, SentActivity>;
}

/**
 * Teams' documented limits (learn.microsoft.com, "Optimize your bot with rate limiting in
 * Teams"): per bot per thread, for sending and for creating a conversation, 7 per 1 s, 8 per
 * 2 s, 60 per 30 s, 1,800 per 3,600 s; and 50 requests per second per app per tenant, which
 * every request counts against (sends, roster fetches, channel enumeration).
 */
const RATE_WINDOWS: { ms: number; max: number }[] = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1_800 },
];
const TENANT_WINDOW = { ms: 1_000, max: 50 };

export class ConnectorStub {
  readonly requests: RecordedRequest[] = [];
  readonly conversations = new Map<string, ConversationRecord>();
  /** Members returned by GET .../members, per conversation id (falls back to `defaultMembers`). */
  readonly members = new Map<string, Account[]>();
  defaultMembers: Account[] = [];
  private queuedFaults: Fault[] = [];
  private targetedFaults: { match: (request: { method: string; path: string; body: unknown }) => boolean; fault: Fault }[] = [];
  private faultRate = 0;
  private faultModes: Fault[] = [];
  private random: () => number = Math.random;
  private rateLimits = false;
  private newThreadLimits = false;
  private tenantLimit = false;
  private tenantTimes: number[] = [];
  private delayMs = 0;
  private readonly sendTimes = new Map<string, number[]>();
  private readonly hanging = new Set<http.ServerResponse>();
  private waiters: (() => void)[] = [];
  private nextId = 1;

  private constructor(private readonly server: http.Server, readonly url: string) {}

  static async start(): Promise<ConnectorStub> {
    // The request handler needs the stub, and the stub needs the server's port: tie them late.
    const holder: { stub?: ConnectorStub } = {};
    const server = http.createServer((req, res) => holder.stub?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.stub = new ConnectorStub(server, `http://127.0.0.1:${port}/`);
    return holder.stub;
  }

  /** The next n write calls (POST/PUT) fail with these faults, in order. */
  failNext(...faults: Fault[]): void {
    this.queuedFaults.push(...faults);
  }

  /**
   * The next write calls (POST/PUT) that `match` fail with these faults, in order; other calls
   * are unaffected (e.g. only posts to one channel: `(r) => JSON.stringify(r.body).includes(channelId)`).
   */
  failNextWhere(match: (request: { method: string; path: string; body: unknown }) => boolean, ...faults: Fault[]): void {
    this.targetedFaults.push(...faults.map((fault) => ({ match, fault })));
  }

  /** From now on, each write call fails with probability `rate`, with a fault picked from `modes`. */
  failAtRate(rate: number, modes: Fault[], seed = 42): void {
    this.faultRate = rate;
    this.faultModes = modes;
    let s = seed >>> 0;
    this.random = () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }

  /** Every response is delayed by this many milliseconds (a slow Connector). */
  slowDown(ms: number): void {
    this.delayMs = ms;
  }

  /**
   * Enforce Teams' per-thread send limits (7/1 s, 8/2 s, 60/30 s): excess sends get 429.
   * With `newThreads`, new threads started in a channel (POST /v3/conversations) count against
   * that channel too. With `tenant`, every request (any method) also counts against the app's
   * per-tenant limit, 50 per second (the stand-in serves one app in one tenant).
   */
  enforceRateLimits(on = true, options: { newThreads?: boolean; tenant?: boolean } = {}): void {
    this.rateLimits = on;
    this.newThreadLimits = on && Boolean(options.newThreads);
    this.tenantLimit = on && Boolean(options.tenant);
    this.tenantTimes = [];
  }

  /** Requests answered with an injected fault or a rate-limit 429 (status 0 = hung), in order. */
  get faults(): RecordedRequest[] {
    return this.requests.filter((r) => r.status === 0 || r.status >= 400);
  }

  /** Successful activity sends (POST), in order. */
  get sent(): (SentActivity & { conversationId: string })[] {
    return this.requests
      .filter((r) => r.method === 'POST' && r.status < 300 && r.path.includes('/activities'))
      .map((r) => ({ ...(r.body as SentActivity), id: r.assignedId, conversationId: r.conversationId ?? '' }));
  }

  /** Sent messages only (no typing indicators). */
  get messages(): (SentActivity & { conversationId: string })[] {
    return this.sent.filter((a) => a.type === 'message');
  }

  /** Successful activity updates (PUT), in order. */
  get updates(): (SentActivity & { conversationId: string; activityId: string })[] {
    return this.requests
      .filter((r) => r.method === 'PUT' && r.status < 300)
      .map((r) => ({ ...(r.body as SentActivity), conversationId: r.conversationId ?? '', activityId: r.activityId ?? '' }));
  }

  /** Resolves once `predicate` holds over the recorded requests, or rejects after timeoutMs. */
  async waitFor(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`Connector stand-in: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve();
        }
      };
      this.waiters.push(check);
    });
  }

  /** Waits until at least `n` messages have been sent (in total, or matching `filter`). */
  async waitForMessages(n: number, filter: (a: SentActivity & { conversationId: string }) => boolean = () => true, timeoutMs = 5_000) {
    await this.waitFor(() => this.messages.filter(filter).length >= n, timeoutMs, `${n} message(s)`);
    return this.messages.filter(filter);
  }

  /** Requests hanging now: a hung request leaves this when its caller gives up and closes it. */
  hangingCount(): number {
    return this.hanging.size;
  }

  reset(): void {
    this.requests.length = 0;
    this.conversations.clear();
    this.queuedFaults = [];
    this.targetedFaults = [];
    this.faultRate = 0;
    this.delayMs = 0;
    this.sendTimes.clear();
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private conversation(id: string): ConversationRecord {
    let c = this.conversations.get(id);
    if (!c) {
      c = { id, activities: new Map() };
      this.conversations.set(id, c);
    }
    return c;
  }

  private pickFault(method: string, conversationId: string | undefined, newThreadIn?: string, request?: { path: string; body: unknown }): Fault | undefined {
    if (this.tenantLimit) {
      const now = Date.now();
      this.tenantTimes = this.tenantTimes.filter((t) => now - t < TENANT_WINDOW.ms);
      if (this.tenantTimes.length >= TENANT_WINDOW.max) return { status: 429, retryAfterSeconds: 1 };
      this.tenantTimes.push(now);
    }
    if (method !== 'POST' && method !== 'PUT') return undefined;
    const targeted = request ? this.targetedFaults.findIndex((t) => t.match({ method, ...request })) : -1;
    if (targeted >= 0) return this.targetedFaults.splice(targeted, 1)[0].fault;
    const queued = this.queuedFaults.shift();
    if (queued) return queued;
    if (this.faultRate > 0 && this.random() < this.faultRate) {
      return this.faultModes[Math.floor(this.random() * this.faultModes.length)];
    }
    const limitKey = conversationId ?? (this.newThreadLimits ? newThreadIn : undefined);
    if (this.rateLimits && limitKey && method === 'POST') {
      conversationId = limitKey;
      const now = Date.now();
      const times = (this.sendTimes.get(conversationId) ?? []).filter((t) => now - t < 3_600_000);
      const over = RATE_WINDOWS.some((w) => times.filter((t) => now - t < w.ms).length >= w.max);
      if (over) return { status: 429, retryAfterSeconds: 1 };
      times.push(now);
      this.sendTimes.set(conversationId, times);
    }
    return undefined;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const receivedAt = Date.now();
      const run = () => {
        this.route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://stub').pathname, body, res, receivedAt);
        this.waiters.slice().forEach((w) => w());
      };
      if (this.delayMs > 0) setTimeout(run, this.delayMs);
      else run();
    });
  }

  private route(method: string, path: string, body: unknown, res: http.ServerResponse, receivedAt: number): void {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const record: RecordedRequest = { method, path, body, status: 200, at: Date.now(), receivedAt };
    if (parts[0] === 'v3' && parts[1] === 'conversations' && parts[2]) record.conversationId = parts[2];
    if (parts[3] === 'activities' && parts[4]) record.activityId = parts[4];
    this.requests.push(record);

    const newThreadIn = method === 'POST' && parts.length === 2 && parts[1] === 'conversations'
      ? (body as { channelData?: { channel?: { id?: string } } } | undefined)?.channelData?.channel?.id
      : undefined;
    const fault = this.pickFault(method, record.conversationId, newThreadIn, { path, body });
    let answerLater: ((send: () => void) => void) | undefined;
    if (fault && 'delayMs' in fault) answerLater = (send) => setTimeout(send, fault.delayMs);
    else if (fault && 'hang' in fault && fault.created) {
      answerLater = () => {
        record.status = 0;
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
      };
    } else if (fault) {
      if ('hang' in fault) {
        record.status = 0;
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      }
      record.status = fault.status;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.status === 429) headers['retry-after'] = String(fault.retryAfterSeconds ?? 1);
      res.writeHead(fault.status, headers);
      res.end(JSON.stringify({ error: { code: `Stub${fault.status}`, message: 'injected fault' } }));
      return;
    }

    const json = (status: number, value: unknown) => {
      record.status = status;
      const send = () => {
        // Two calls, not a chain: restify (loaded in the same process) patches writeHead to return nothing.
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(value === undefined ? '' : JSON.stringify(value));
      };
      if (answerLater) answerLater(send);
      else send();
    };

    // POST /v3/conversations  (create a conversation, e.g. a new channel thread or a 1:1 chat)
    if (method === 'POST' && parts.length === 2 && parts[1] === 'conversations') {
      const params = (body ?? {}) as { channelData?: { channel?: { id?: string } }; activity?: SentActivity; members?: Account[] };
      const channelId = params.channelData?.channel?.id;
      const activityId = `act-${this.nextId++}`;
      const id = channelId ? `${channelId};messageid=${activityId}` : `a:conv-${this.nextId++}`;
      record.conversationId = id;
      const conv = this.conversation(id);
      if (params.activity) {
        conv.activities.set(activityId, { ...params.activity, id: activityId });
        record.assignedId = activityId;
      }
      json(201, { id, activityId: params.activity ? activityId : undefined });
      return;
    }
    if (parts[0] !== 'v3') return json(404, { error: { code: 'NotFound', message: path } });

    // /v3/conversations/{id}/activities[/{activityId}]
    if (parts[1] === 'conversations' && parts[3] === 'activities') {
      const conv = this.conversation(record.conversationId ?? '');
      if (method === 'POST') {
        const id = `act-${this.nextId++}`;
        record.assignedId = id;
        conv.activities.set(id, { ...(body as SentActivity), id });
        return json(201, { id });
      }
      if (method === 'PUT' && record.activityId) {
        if (!conv.activities.has(record.activityId)) return json(404, { error: { code: 'ActivityNotFound', message: 'no such activity' } });
        conv.activities.set(record.activityId, { ...(body as SentActivity), id: record.activityId });
        return json(200, { id: record.activityId });
      }
      if (method === 'DELETE' && record.activityId) {
        conv.activities.delete(record.activityId);
        return json(200, undefined);
      }
    }
    // GET /v3/conversations/{id}/members[/{memberId}] and /pagedmembers
    if (parts[1] === 'conversations' && method === 'GET' && (parts[3] === 'members' || parts[3] === 'pagedmembers')) {
      const members = this.members.get(record.conversationId ?? '') ?? this.defaultMembers;
      if (parts[4]) {
        const m = members.find((x) => x.id === parts[4] || x.aadObjectId === parts[4]);
        return m ? json(200, m) : json(404, { error: { code: 'MemberNotFound', message: 'no such member' } });
      }
      return parts[3] === 'pagedmembers' ? json(200, { members }) : json(200, members);
    }
    // GET /v3/teams/{teamId} and /v3/teams/{teamId}/conversations
    if (parts[1] === 'teams' && method === 'GET' && parts[2]) {
      if (parts[3] === 'conversations') return json(200, { conversations: [{ id: parts[2], name: 'General' }] });
      return json(200, { id: parts[2], name: 'Team', aadGroupId: parts[2] });
    }
    json(404, { error: { code: 'NotFound', message: `${method} ${path}` } });
  }
}
