import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body as it came over the wire (still compressed when the server compressed it). */
  bytes: Buffer;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
  ms: number;
}

export interface RequestOptions {
  /** 127.0.0.1 unless given: the suite talks to loopback only. */
  address?: '127.0.0.1' | '::1';
  port: number;
  method?: string;
  path: string;
  /** Sent exactly as given, so Host, Origin and malformed values can be set. */
  headers?: OutgoingHttpHeaders;
  body?: string | Uint8Array | Readable;
  timeoutMs?: number;
}

/**
 * One HTTP request over node:http (not fetch: fetch forbids setting Host and Origin). A
 * connection error or the timeout gives status 0 with the reason as text.
 */
export function request(o: RequestOptions): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const finish = (status: number, headers: Answer['headers'], bytes: Buffer) => {
      const text = bytes.toString('utf8');
      resolve({ status, headers, text, bytes, json: parseJson(text), ms: performance.now() - started });
    };
    const req = httpRequest(
      {
        host: o.address ?? '127.0.0.1',
        port: o.port,
        method: o.method ?? 'GET',
        path: o.path,
        headers: o.headers,
        agent: false,
        timeout: o.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish(res.statusCode ?? 0, res.headers, Buffer.concat(chunks)));
        res.on('error', (e) => finish(0, {}, Buffer.from(String(e))));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${o.timeoutMs ?? 30_000} ms`)));
    req.on('error', (e) => finish(0, {}, Buffer.from(String(e.message))));
    if (o.body === undefined || typeof o.body === 'string' || o.body instanceof Uint8Array) req.end(o.body);
    else {
      // Headers go out at once, so a server can refuse by Content-Length before any body comes.
      req.flushHeaders();
      o.body.pipe(req);
    }
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `{ error: { code, message } }` of an error answer, when there is one. */
export function errorOf(answer: Answer): { code: string; message: string } | undefined {
  const error = (answer.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? { code: error.code, message: String(error.message ?? '') } : undefined;
}

/** A short description of an answer for a report line: `403 request.cross-site`. */
export function described(answer: Answer): string {
  if (answer.status === 0) return `no answer (${answer.text})`;
  const error = errorOf(answer);
  return error ? `${answer.status} ${error.code}` : String(answer.status);
}

export const ok = (answer: Answer) => answer.status >= 200 && answer.status < 300;

/**
 * The workbench's own way of calling the API: same origin, the `x-koda-csrf` header on
 * writes, English messages, and the session cookie of whoever signed in (signIn).
 */
export class Api {
  constructor(
    readonly port: number,
    private readonly cookie?: string,
  ) {}

  /** The same API signed in as `name`: with a password, or named once in local mode. */
  async signIn(name: string, password?: string): Promise<Api> {
    const answer = password
      ? await this.send('POST', '/api/session', { name, password })
      : await this.send('POST', '/api/session/local', { name });
    const cookie = String([answer.headers['set-cookie']].flat()[0] ?? '').split(';')[0];
    if (answer.status !== 200 || !cookie) throw new Error(`sign-in as ${name} failed: ${described(answer)}`);
    return new Api(this.port, cookie);
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `headers` are added to the API's own (e.g. `accept-encoding` to take a compressed answer). */
  get(path: string, timeoutMs?: number, headers: OutgoingHttpHeaders = {}): Promise<Answer> {
    return request({ port: this.port, path, headers: { ...this.headers(), ...headers }, timeoutMs });
  }

  send(method: string, path: string, body?: unknown, timeoutMs?: number): Promise<Answer> {
    const headers: OutgoingHttpHeaders = { ...this.headers(), origin: this.origin, 'x-koda-csrf': '1' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return request({
      port: this.port,
      method,
      path,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs,
    });
  }

  /** Uploads a file the way the browser does: the raw bytes, its name in the query. */
  upload(path: string, body: Uint8Array | Readable, length: number, timeoutMs?: number): Promise<Answer> {
    return request({
      port: this.port,
      method: 'POST',
      path,
      headers: {
        ...this.headers(),
        origin: this.origin,
        'x-koda-csrf': '1',
        'content-type': 'application/octet-stream',
        'content-length': length,
      },
      body,
      timeoutMs,
    });
  }

  private headers(): OutgoingHttpHeaders {
    return { 'x-koda-lang': 'en', ...(this.cookie ? { cookie: this.cookie } : {}) };
  }
}

/** `/api/projects/<p>` with the name encoded. */
export const projectPath = (project: string, rest = '') => `/api/projects/${encodeURIComponent(project)}${rest}`;
