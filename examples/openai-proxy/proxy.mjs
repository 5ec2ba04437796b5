// @ts-check
// An OpenAI-compatible `POST /v1/chat/completions` that bills every call through the usage-billing plugin:
// authorize first (no money → 402 before the provider is called), forward to the upstream provider, report
// what the provider says it used. Streams are metered as they run and stopped when the user's money is
// used up. Every billing call goes through the plugin's typed client.
import { randomUUID } from 'node:crypto';
import {
  BillingUnavailableError,
  HoldExhaustedError,
  ModelNotAllowedError,
  PaymentRequiredError,
  ValidationError,
} from 'strapi-plugin-usage-billing/client';
import { sseEvents } from './sse.mjs';
import { billingServiceTier, billingUsage, estimatePromptTokens, estimateTokens, producedText } from './usage.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('strapi-plugin-usage-billing/client').BillingClient} BillingClient */
/** @typedef {import('strapi-plugin-usage-billing/client').UsageCounts} UsageCounts */

/**
 * @typedef {object} ProxyOptions
 * @property {BillingClient} billing
 * @property {string} upstreamUrl  base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1
 * @property {string} upstreamApiKey
 * @property {(req: IncomingMessage) => string | null} identify  the caller's billing userId; null refuses (401)
 * @property {(message: string) => void} [log]
 */

/** The usage logs' route source of calls made through this proxy. */
const ROUTE_SOURCE = 'openai-proxy';
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** An error we answer the caller with, in OpenAI's error shape. */
class ProxyError extends Error {
  /** @param {number} status @param {string} code @param {string} message */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * @param {ProxyOptions} options
 * @returns {(req: IncomingMessage, res: ServerResponse) => Promise<void>}
 */
export function createOpenAIProxy({ billing, upstreamUrl, upstreamApiKey, identify, log = console.error }) {
  const completionsUrl = `${upstreamUrl.replace(/\/+$/, '')}/chat/completions`;

  /** @param {object} body @param {AbortSignal} [signal] */
  const callUpstream = (body, signal) =>
    fetch(completionsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${upstreamApiKey}` },
      body: JSON.stringify(body),
      signal,
    }).catch((err) => {
      throw new ProxyError(502, 'upstream_unreachable', `the model provider could not be reached: ${err.message}`);
    });

  /**
   * Not streamed: withBilling authorizes (402/403 are thrown before the provider is called), runs the call,
   * then reports its usage — or releases the hold when the provider refused or failed.
   * @param {ServerResponse} res @param {Call} call
   */
  async function complete(res, { userId, body, requestId }) {
    const started = Date.now();
    const { value: answer } = await billing.withBilling(
      { userId, model: body.model, requestId, routeSource: ROUTE_SOURCE, serviceTier: billingServiceTier(body.service_tier) },
      async () => {
        const upstream = await callUpstream(body);
        const text = await upstream.text();
        if (!upstream.ok) return { usage: null, value: { status: upstream.status, text } };
        const completion = parseJson(text);
        if (!completion) throw new ProxyError(502, 'upstream_error', 'the model provider answered something that is not JSON');
        const usage = completion.usage
          ? billingUsage(completion.usage)
          : { inputTokens: estimatePromptTokens(body), outputTokens: estimateTokens(producedText(completion)) };
        return { usage, latencyMs: Date.now() - started, value: { status: upstream.status, text } };
      },
    );
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.text);
  }

  /**
   * Streamed: authorize, then forward the provider's events as they come while the stream meter keeps the
   * hold ahead of the running cost. The bill is the provider's final usage chunk (we ask for it with
   * stream_options.include_usage); a stream that ends without one (cut, stopped) is billed for what it
   * produced, estimated (usage.mjs).
   * @param {ServerResponse} res @param {Call} call
   */
  async function stream(res, { userId, body, requestId }) {
    const started = Date.now();
    const { model } = body;
    const serviceTier = billingServiceTier(body.service_tier);
    const authorization = await billing.authorize({ userId, model, requestId, routeSource: ROUTE_SOURCE, serviceTier });
    const { holdId } = authorization;
    const meter = billing.streamMeter({ userId, model, requestId, holdId, authorization, serviceTier, routeSource: ROUTE_SOURCE });
    const release = async () => {
      if (holdId) await billing.releaseHold(holdId).catch((err) => log(`${requestId}: releasing hold ${holdId} failed: ${err.message}`));
    };

    // The prompt's cost is held first: a prompt the user cannot pay for is refused before the provider runs it.
    await meter.add({ inputTokens: estimatePromptTokens(body) }).catch(async (err) => {
      await release();
      throw err;
    });

    const upstreamCall = new AbortController();
    let callerLeft = false;
    res.on('close', () => {
      callerLeft = !res.writableFinished;
      upstreamCall.abort(); // the caller left (or we are done): stop the provider's stream
    });
    const upstream = await callUpstream({ ...body, stream_options: { ...body.stream_options, include_usage: true } }, upstreamCall.signal).catch(
      async (err) => {
        await release();
        throw err;
      },
    );
    if (!upstream.ok || !upstream.body) {
      await release();
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(await upstream.text());
      return;
    }

    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const callerAskedForUsage = body.stream_options?.include_usage === true;
    /** @type {UsageCounts | null} */
    let reportedUsage = null;
    let produced = false;
    let finished = false;
    /** @type {unknown} */
    let billingStop = null;
    try {
      for await (const event of sseEvents(upstream.body)) {
        if (event.data === '[DONE]') {
          finished = true;
          res.write(event.raw);
          break;
        }
        const chunk = parseJson(event.data);
        if (chunk?.usage) reportedUsage = billingUsage(chunk.usage);
        const usageOnly = chunk?.usage && Array.isArray(chunk.choices) && chunk.choices.length === 0;
        if (!usageOnly || callerAskedForUsage) res.write(event.raw);
        const text = producedText(chunk);
        if (!text) continue;
        produced = true;
        try {
          await meter.add({ outputTokens: estimateTokens(text) });
        } catch (err) {
          billingStop = err; // HoldExhaustedError: the user's money cannot cover more (or billing is unreachable)
          break;
        }
      }
    } catch (err) {
      if (!callerLeft) log(`${requestId}: the provider's stream broke: ${/** @type {Error} */ (err).message}`);
    }
    upstreamCall.abort(); // no-op after [DONE]; otherwise stops the provider from producing more

    if (!finished && !callerLeft) {
      writeStreamError(
        res,
        billingStop instanceof HoldExhaustedError
          ? errorBody(402, 'insufficient_quota', 'the stream was stopped: your balance cannot pay for more output')
          : billingStop
            ? errorBody(503, 'billing_unavailable', 'the stream was stopped: billing is unavailable')
            : errorBody(502, 'upstream_error', 'the model provider ended the stream early'),
      );
    }

    // Billed before the response ends: once a caller sees the end of its stream, its balance shows the call.
    const status = finished ? 'success' : 'error';
    const latencyMs = Date.now() - started;
    try {
      if (reportedUsage) {
        // The provider's own count (its final usage chunk).
        await billing.reportUsage({ requestId, userId, model, holdId, usage: reportedUsage, serviceTier, routeSource: ROUTE_SOURCE, status, latencyMs });
      } else if (produced) {
        await meter.finish({ status, latencyMs }); // no usage chunk (cut or stopped): the meter's estimate
      } else {
        await release(); // nothing produced: nothing to bill
      }
    } catch (err) {
      log(`${requestId}: reporting usage failed: ${/** @type {Error} */ (err).message}`);
    }
    res.end();
  }

  return async function handle(req, res) {
    const requestId = `chatcmpl-proxy-${randomUUID()}`;
    try {
      if (new URL(req.url ?? '/', 'http://proxy').pathname !== '/v1/chat/completions') {
        throw new ProxyError(404, 'not_found', 'only POST /v1/chat/completions is served here');
      }
      if (req.method !== 'POST') throw new ProxyError(405, 'method_not_allowed', 'use POST');
      const userId = identify(req);
      if (!userId) throw new ProxyError(401, 'invalid_api_key', 'missing or unknown API key');
      const body = await readJsonBody(req);
      if (typeof body?.model !== 'string' || body.model === '') throw new ProxyError(400, 'invalid_request_error', 'model is required');
      res.setHeader('x-request-id', requestId);
      const call = { userId, body, requestId };
      await (body.stream === true ? stream(res, call) : complete(res, call));
    } catch (err) {
      answerError(res, err, (message) => log(`${requestId}: ${message}`));
    }
  };
}

/** @typedef {{ userId: string, body: ChatRequest, requestId: string }} Call */
/** @typedef {{ model: string, stream?: boolean, stream_options?: { include_usage?: boolean }, service_tier?: string, messages?: unknown }} ChatRequest */

/** @param {IncomingMessage} req @returns {Promise<ChatRequest>} */
async function readJsonBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ProxyError(413, 'request_too_large', 'the request body is too large');
    chunks.push(chunk);
  }
  const body = parseJson(Buffer.concat(chunks).toString('utf8'));
  if (!body || typeof body !== 'object') throw new ProxyError(400, 'invalid_request_error', 'the body must be a JSON object');
  return body;
}

/** @param {string} text */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** OpenAI's error shape. @param {number} status @param {string} code @param {string} message */
function errorBody(status, code, message) {
  const type = status === 402 ? 'insufficient_quota' : status >= 500 ? 'api_error' : 'invalid_request_error';
  return { error: { message, type, param: null, code } };
}

/**
 * Ends a stream with an error event, as OpenAI does (its SDKs throw on a `data:` event holding `error`).
 * @param {ServerResponse} res @param {ReturnType<typeof errorBody>} body
 */
function writeStreamError(res, body) {
  if (!res.writableEnded) res.write(`data: ${JSON.stringify(body)}\n\n`);
}

/**
 * The caller's answer for a failed call: billing refusals keep their meaning (402 no money, 403 model not
 * allowed, 400 a model name billing refuses); the billing server being unreachable is a 503 (fail-closed).
 * Anything else (e.g. BILLING_TOKEN lacking an action: 401/403 from billing) is our fault: 500, logged.
 * @param {ServerResponse} res @param {unknown} err @param {(message: string) => void} log
 */
function answerError(res, err, log) {
  let body;
  let status;
  if (err instanceof ProxyError) [status, body] = [err.status, errorBody(err.status, err.code, err.message)];
  else if (err instanceof PaymentRequiredError || err instanceof HoldExhaustedError) {
    [status, body] = [402, errorBody(402, 'insufficient_quota', `payment required: ${err.message}`)];
  } else if (err instanceof ModelNotAllowedError) [status, body] = [403, errorBody(403, 'model_not_allowed', err.message)];
  else if (err instanceof ValidationError) [status, body] = [400, errorBody(400, 'invalid_request_error', err.message)];
  else if (err instanceof BillingUnavailableError) {
    log(`billing unavailable: ${err.message}`);
    [status, body] = [503, errorBody(503, 'billing_unavailable', 'billing is unavailable, try again later')];
  } else {
    log(`failed: ${/** @type {Error} */ (err)?.stack ?? err}`);
    [status, body] = [500, errorBody(500, 'internal_error', 'the proxy failed to handle the request')];
  }
  if (res.headersSent) {
    writeStreamError(res, body);
    res.end();
  } else {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
