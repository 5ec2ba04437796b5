// createBillingClient(): one method per gateway route, plus withBilling() (authorize → run → report or
// release) and streamMeter(). docs/client.md is the user's guide; the retry rules are in transport.ts.
import { BillingUnavailableError, UnauthorizedError, ForbiddenError, type BillingError } from './errors';
import { memoryJournal, type UsageJournal } from './journal';
import { StreamMeter, type StreamMeterOptions } from './stream-meter';
import { createTransport, type FetchLike } from './transport';
import type {
  AccountView,
  AuthorizeInput,
  AuthorizeResult,
  BatchItem,
  Bill,
  CheckoutInput,
  CheckoutOrder,
  ExtendResult,
  QuoteInput,
  RedeemResult,
  ReleaseResult,
  ReportOutcome,
  ToolUse,
  UsageCounts,
  UsageReport,
  UsageResult,
} from './types';

export interface BillingClientOptions {
  /** Strapi's URL, e.g. http://localhost:1337; the routes are under /api/usage-billing. */
  baseUrl: string;
  /** A Strapi API token with the gateway actions the calls need (sent as Bearer). */
  token?: string;
  /** Per attempt (default 10,000 ms). */
  timeoutMs?: number;
  /** Attempts after the first, for network errors, timeouts, 5xx and 429 only (default 2). */
  retries?: number;
  /** Delay before the first retry, doubled before each next (default 200 ms). */
  retryDelayMs?: number;
  /**
   * What to do when the server cannot be reached (BillingUnavailableError after the retries):
   * `fail-closed` (default) throws; `fail-open` lets calls through (authorize → offline allowance) and
   * journals usage reports for replayJournal(). Answers of the server (4xx) are never swallowed.
   */
  whenUnreachable?: 'fail-closed' | 'fail-open';
  /** Where fail-open keeps undelivered usage reports (default: memoryJournal()). */
  journal?: UsageJournal;
  /** A fetch implementation (default: the global fetch). */
  fetch?: FetchLike;
}

/** What withBilling's `run` receives. */
export interface BilledCall {
  requestId: string;
  userId: string;
  model: string;
  /** Undefined without a hold: self mode, a free model, or an offline (fail-open) authorization. */
  holdId?: string;
  authorization: AuthorizeResult;
}

/** What withBilling's `run` returns: the usage to report (null: nothing billable, the hold is released). */
export interface RunOutcome<T> {
  usage: UsageCounts | null;
  tools?: ToolUse[];
  status?: 'success' | 'error';
  latencyMs?: number;
  value: T;
}

export interface BilledResult<T> {
  value: T;
  /** The /usage answer; null when nothing was billable, or when a fail-open client journaled the report. */
  usage: UsageResult | null;
  requestId: string;
  /** The server had already recorded this requestId (nothing charged again). */
  replayed: boolean;
  /** Fail-open: the report is in the journal, not yet delivered. */
  journaled: boolean;
}

/** replayJournal()'s answer. */
export interface ReplayOutcome {
  /** Reports delivered (recorded now, or found already recorded) and removed from the journal. */
  replayed: number;
  /** Reports still in the journal (the server is still unreachable). */
  remaining: number;
  /** Reports the server refused for good (400, 409…): removed from the journal, handed back here to log. */
  rejected: Array<{ report: UsageReport; error: BillingError }>;
}

const enc = encodeURIComponent;

function newRequestId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (!crypto?.randomUUID) throw new Error('globalThis.crypto.randomUUID is not available: pass a requestId');
  return crypto.randomUUID();
}

export function createBillingClient(options: BillingClientOptions) {
  const fetchImpl = options.fetch ?? (globalThis.fetch as unknown as FetchLike | undefined);
  if (!fetchImpl) throw new Error('no fetch available: pass options.fetch');
  if (!options.baseUrl) throw new Error('baseUrl is required');
  const transport = createTransport({
    baseUrl: options.baseUrl,
    token: options.token,
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: options.retries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 200,
    fetch: fetchImpl,
  });
  const failOpen = options.whenUnreachable === 'fail-open';
  const journal = options.journal ?? memoryJournal();
  let replaying: Promise<ReplayOutcome> | null = null;

  const post = async <T>(path: string, body: unknown, requestId?: string) => (await transport.call<T>('POST', path, body, { requestId })).data;

  async function authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    try {
      return await post<AuthorizeResult>('/authorize', input, input.requestId);
    } catch (error) {
      if (failOpen && error instanceof BillingUnavailableError) return { allowed: true, mode: 'unknown', offline: true };
      throw error;
    }
  }

  /** Sends one report, never journaling it. */
  async function sendReport(report: UsageReport): Promise<{ replayed: boolean; result: UsageResult }> {
    const answer = await transport.call<UsageResult>('POST', '/usage', report, { requestId: report.requestId });
    return { replayed: answer.status === 200, result: answer.data };
  }

  async function reportUsage(report: UsageReport): Promise<ReportOutcome> {
    try {
      return await sendReport(report);
    } catch (error) {
      if (!(failOpen && error instanceof BillingUnavailableError)) throw error;
      await journal.append(report);
      return { replayed: false, result: null, journaled: true };
    }
  }

  const releaseHold = (holdId: string) => post<ReleaseResult>(`/holds/${enc(holdId)}/release`, {});

  /** Releases a hold whose call produced no usage; a failure only leaves it to expire after holdTtlSeconds. */
  const releaseQuietly = async (holdId: string | undefined) => {
    if (holdId) await releaseHold(holdId).catch(() => undefined);
  };

  async function replayOnce(): Promise<ReplayOutcome> {
    const outcome: ReplayOutcome = { replayed: 0, remaining: 0, rejected: [] };
    const reports = await journal.entries();
    const done: string[] = [];
    try {
      for (let i = 0; i < reports.length; i += 1) {
        try {
          await sendReport(reports[i]);
          outcome.replayed += 1;
          done.push(reports[i].requestId);
        } catch (error) {
          if (error instanceof BillingUnavailableError) {
            outcome.remaining = reports.length - i;
            break;
          }
          // A wrong or unauthorized token is the gateway's configuration, not the report's fault: keep them all.
          if (error instanceof UnauthorizedError || error instanceof ForbiddenError) throw error;
          outcome.rejected.push({ report: reports[i], error: error as BillingError });
          done.push(reports[i].requestId);
        }
      }
    } finally {
      if (done.length) await journal.remove(done);
    }
    return outcome;
  }

  const client = {
    failOpen,
    journal,

    authorize,
    reportUsage,
    releaseHold,

    /** POST /usage/batch (up to 1,000 reports; needs gateway.usageBatch): one item per report, in order. */
    reportUsageBatch: (reports: UsageReport[]) => post<BatchItem[]>('/usage/batch', { reports }),

    /** Adds `amount` (default: the prepaid amount) to an open hold and renews its expiry. */
    extendHold: (holdId: string, amount?: string) =>
      post<ExtendResult>(`/holds/${enc(holdId)}/extend`, amount === undefined ? {} : { amount }),

    quote: (body: QuoteInput) => post<Bill>('/quote', body),

    account: async (userId: string) => (await transport.call<AccountView>('GET', `/accounts/${enc(userId)}`)).data,

    // Not retried once the request may have reached the server: a duplicate could redeem or order twice.
    redeem: async (userId: string, code: string) =>
      (await transport.call<RedeemResult>('POST', `/accounts/${enc(userId)}/redeem`, { code }, { retry: 'unsent' })).data,
    checkout: async (userId: string, body: CheckoutInput) =>
      (await transport.call<CheckoutOrder>('POST', `/accounts/${enc(userId)}/checkout`, body, { retry: 'unsent' })).data,

    /** Sends the journaled reports again (same requestIds); one replay at a time. */
    replayJournal(): Promise<ReplayOutcome> {
      replaying ??= replayOnce().finally(() => {
        replaying = null;
      });
      return replaying;
    },

    /**
     * One model call: authorize (throws the typed refusal: 402, 403…), run, then report the usage run
     * returns — or release the hold when run throws (the error is rethrown) or returns `usage: null`.
     */
    async withBilling<T>(input: AuthorizeInput, run: (call: BilledCall) => Promise<RunOutcome<T>>): Promise<BilledResult<T>> {
      const requestId = input.requestId ?? newRequestId();
      const authorization = await authorize({ ...input, requestId });
      const call: BilledCall = { requestId, userId: input.userId, model: input.model, holdId: authorization.holdId, authorization };
      let outcome: RunOutcome<T>;
      try {
        outcome = await run(call);
      } catch (error) {
        await releaseQuietly(call.holdId);
        throw error;
      }
      if (!outcome || outcome.usage == null) {
        await releaseQuietly(call.holdId);
        return { value: outcome?.value as T, usage: null, requestId, replayed: false, journaled: false };
      }
      const reported = await reportUsage({
        requestId,
        userId: input.userId,
        model: input.model,
        usage: outcome.usage,
        ...(call.holdId ? { holdId: call.holdId } : {}),
        ...(outcome.tools?.length ? { tools: outcome.tools } : {}),
        ...(input.serviceTier !== undefined ? { serviceTier: input.serviceTier } : {}),
        ...(input.routeSource !== undefined ? { routeSource: input.routeSource } : {}),
        ...(outcome.status ? { status: outcome.status } : {}),
        ...(outcome.latencyMs !== undefined ? { latencyMs: outcome.latencyMs } : {}),
      });
      return { value: outcome.value, usage: reported.result, requestId, replayed: reported.replayed, journaled: reported.journaled === true };
    },

    /** A meter that keeps a streaming call's hold ahead of its running cost (see StreamMeter). */
    streamMeter(meterOptions: StreamMeterOptions): StreamMeter {
      return new StreamMeter(client, meterOptions);
    },
  };
  return client;
}

export type BillingClient = ReturnType<typeof createBillingClient>;
