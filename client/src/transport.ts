// HTTP to the plugin's content API: JSON in and out, a timeout per attempt, retries with exponential backoff.
//
// Retried: network errors, timeouts, 5xx and 429 — and nothing else (a 4xx is an answer about the request,
// which the same request would get again). Every attempt sends the very same bytes, so a retried /usage
// carries the same requestId: if an earlier attempt did reach the server, the retry is answered as a replay
// (200, nothing charged twice).
import { BillingUnavailableError, errorFromResponse, type BillingError } from './errors';

export type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

export interface TransportOptions {
  baseUrl: string;
  token?: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  /** Delay before the first retry; doubled before each next one. */
  retryDelayMs: number;
  fetch: FetchLike;
}

/**
 * How far a call may be retried. `all`: every retryable failure (idempotent routes: authorize, usage,
 * batch, release, quote, account). `unsent`: only when the request surely never reached the server
 * (connection refused), for routes a duplicate could act on twice (redeem, checkout).
 */
export type RetryPolicy = 'all' | 'unsent';

export interface CallOptions {
  retry?: RetryPolicy;
  /** Put on the thrown error, to tell which call failed. */
  requestId?: string;
}

export interface Answer<T> {
  status: number;
  data: T;
}

export const API_PREFIX = '/api/usage-billing';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a failed fetch could not even connect (nothing was sent): ECONNREFUSED and name-resolution errors. */
function neverSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause?.code ? `${message} (${cause.code})` : message;
}

export function createTransport(options: TransportOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  /** One attempt: the answer, or a thrown network/timeout error. */
  async function attempt(method: string, url: string, body: string | undefined) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${options.timeoutMs} ms`)), options.timeoutMs);
    try {
      const response = await options.fetch(url, { method, headers, body, signal: controller.signal });
      const text = await response.text();
      let parsed: unknown = null;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = { error: { name: `HTTP${response.status}`, message: text.slice(0, 200) } };
        }
      }
      return { status: response.status, body: parsed };
    } catch (error) {
      if (controller.signal.aborted) throw Object.assign(new Error(`timed out after ${options.timeoutMs} ms`), { timeout: true, cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async function call<T>(method: 'GET' | 'POST', path: string, payload?: unknown, callOptions: CallOptions = {}): Promise<Answer<T>> {
    const url = `${base}${API_PREFIX}${path}`;
    // Serialized once: each attempt sends exactly these bytes.
    const body = payload === undefined ? undefined : JSON.stringify(payload);
    const policy = callOptions.retry ?? 'all';
    let lastError: BillingError | null = null;
    for (let tries = 0; ; tries += 1) {
      let retryable: boolean;
      try {
        const answer = await attempt(method, url, body);
        if (answer.status >= 200 && answer.status < 300) {
          return { status: answer.status, data: (answer.body as { data: T } | null)?.data as T };
        }
        lastError = errorFromResponse(answer.status, answer.body, callOptions.requestId);
        retryable = policy === 'all' && (answer.status >= 500 || answer.status === 429);
      } catch (error) {
        lastError = new BillingUnavailableError(0, 'BillingUnavailableError', `The billing server could not be reached: ${describe(error)}`, undefined, callOptions.requestId, { cause: error });
        retryable = policy === 'all' || neverSent(error);
      }
      if (!retryable || tries >= options.retries) break;
      await sleep(options.retryDelayMs * 2 ** tries);
    }
    // A 5xx after the retries is "unavailable" too (errorFromResponse maps it so): the same class, whether the
    // server answered 503 three times or never answered.
    throw lastError;
  }

  return { call };
}

export type Transport = ReturnType<typeof createTransport>;
