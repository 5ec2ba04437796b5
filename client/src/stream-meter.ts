// Keeps a streaming call's hold ahead of its running cost. The gateway feeds the usage as chunks arrive;
// every `checkEveryTokens` tokens the meter prices the usage so far (POST /quote, which writes nothing) and,
// once that cost reaches `headroom` × the amount held, extends the hold (POST /holds/:holdId/extend). A
// refused extension (402: the user's funds or credit cannot cover more) throws HoldExhaustedError: the
// gateway stops the stream and still calls finish(), which reports what was used.
import { BillingUnavailableError, HoldExhaustedError, PaymentRequiredError } from './errors';
import { reaches } from './money';
import type { AuthorizeResult, ExtendResult, QuoteInput, ToolUse, UsageCounts, UsageReport, UsageResult, Bill, ReportOutcome } from './types';

export interface StreamMeterOptions {
  userId: string;
  model: string;
  requestId: string;
  /** The authorization's hold; without one (self mode, free model, offline) the meter only counts. */
  holdId?: string;
  authorization?: AuthorizeResult;
  /** Quote the running usage after this many more tokens (default 200). */
  checkEveryTokens?: number;
  /** Extend the hold when the running cost reaches this fraction of the amount held (default 0.8). */
  headroom?: number;
  /** Amount added by each extension (decimal string); the server's prepaid amount when absent. */
  extendBy?: string;
  serviceTier?: string | null;
  routeSource?: string;
  /** At most this many extensions in one check (a chunk that jumps far past the hold). Default 10. */
  maxExtensionsPerCheck?: number;
}

/** What the meter needs of the client. */
export interface MeterClient {
  quote(body: QuoteInput): Promise<Bill>;
  extendHold(holdId: string, amount?: string): Promise<ExtendResult>;
  reportUsage(report: UsageReport): Promise<ReportOutcome>;
  readonly failOpen: boolean;
}

const TOKEN_FIELD = /Tokens$/;

export class StreamMeter {
  private readonly counts: UsageCounts = {};
  private readonly toolCalls = new Map<string, number>();
  private tokensSinceCheck = 0;
  private chain: Promise<void> = Promise.resolve();
  private exhausted: HoldExhaustedError | null = null;
  private finished = false;
  /** The amount the hold covers now (grows with each extension); null without a hold. */
  held: string | null;
  /** The last quoted cost of the running usage. */
  lastQuotedCost: string | null = null;
  /** Extensions granted so far. */
  extensions = 0;

  constructor(private readonly client: MeterClient, private readonly options: StreamMeterOptions) {
    this.held = options.holdId && options.authorization?.held ? options.authorization.held : null;
  }

  /** The usage counted so far (a copy). */
  get usage(): UsageCounts {
    return { ...this.counts };
  }

  get tools(): ToolUse[] {
    return [...this.toolCalls].map(([tool, calls]) => ({ tool, calls }));
  }

  /**
   * Adds a chunk's usage (and tool calls). Resolves once any check it triggered is done; rejects with
   * HoldExhaustedError when the hold could not be extended (every later add counts its usage and rejects
   * the same way).
   */
  add(usage: UsageCounts, tools: ToolUse[] = []): Promise<void> {
    if (this.finished) return Promise.reject(new Error('the stream meter has already finished'));
    for (const [field, value] of Object.entries(usage) as Array<[keyof UsageCounts, number | undefined]>) {
      if (value === undefined) continue;
      this.counts[field] = (this.counts[field] ?? 0) + value;
      if (TOKEN_FIELD.test(field)) this.tokensSinceCheck += value;
    }
    for (const use of tools) this.toolCalls.set(use.tool, (this.toolCalls.get(use.tool) ?? 0) + (use.calls ?? 1));
    // Counted even after the hold ran out: what was produced is owed, and finish() reports it.
    if (this.exhausted) return Promise.reject(this.exhausted);
    const every = this.options.checkEveryTokens ?? 200;
    if (this.tokensSinceCheck < every) return this.chain;
    this.tokensSinceCheck = 0;
    // Checks run one after another; an add that triggers one gets its outcome, the chain itself never rejects.
    const checked = this.chain.then(() => this.check());
    this.chain = checked.catch(() => undefined);
    return checked;
  }

  /** Prices the running usage now and extends the hold when needed (add() calls it every checkEveryTokens). */
  async check(): Promise<void> {
    if (this.exhausted) throw this.exhausted;
    const { holdId } = this.options;
    if (!holdId || this.held === null) return;
    try {
      const bill = await this.client.quote({ model: this.options.model, usage: this.usage, tools: this.tools, serviceTier: this.options.serviceTier });
      this.lastQuotedCost = bill.total;
      const headroom = this.options.headroom ?? 0.8;
      const max = this.options.maxExtensionsPerCheck ?? 10;
      for (let i = 0; i < max && reaches(bill.total, headroom, this.held); i += 1) {
        const extended = await this.client.extendHold(holdId, this.options.extendBy);
        this.held = extended.held;
        this.extensions += 1;
      }
    } catch (error) {
      if (error instanceof PaymentRequiredError) {
        this.exhausted = new HoldExhaustedError(402, 'HoldExhaustedError', `The hold ${holdId} could not be extended: ${error.message}`, error.details, this.options.requestId, { cause: error });
        throw this.exhausted;
      }
      // Fail-open: the stream goes on unchecked; the next checkpoint tries again and /usage charges in full.
      if (error instanceof BillingUnavailableError && this.client.failOpen) return;
      throw error;
    }
  }

  /**
   * Reports the usage counted (POST /usage with the hold, which settles it) → the /usage answer, or null
   * when a fail-open client journaled the report. Call it also after HoldExhaustedError: what was streamed
   * is owed.
   */
  async finish(extra: { status?: 'success' | 'error'; latencyMs?: number } = {}): Promise<UsageResult | null> {
    await this.chain;
    this.finished = true;
    const report: UsageReport = {
      requestId: this.options.requestId,
      userId: this.options.userId,
      model: this.options.model,
      usage: this.usage,
      ...(this.options.holdId ? { holdId: this.options.holdId } : {}),
      ...(this.toolCalls.size ? { tools: this.tools } : {}),
      ...(this.options.serviceTier !== undefined ? { serviceTier: this.options.serviceTier } : {}),
      ...(this.options.routeSource !== undefined ? { routeSource: this.options.routeSource } : {}),
      ...(extra.status ? { status: extra.status } : {}),
      ...(extra.latencyMs !== undefined ? { latencyMs: extra.latencyMs } : {}),
    };
    return (await this.client.reportUsage(report)).result;
  }
}
