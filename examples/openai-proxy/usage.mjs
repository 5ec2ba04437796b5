// @ts-check
// How an OpenAI chat completion's usage becomes the billing plugin's usage report, and how the proxy
// estimates tokens it was never told about (a stream cut before its final usage chunk).

/**
 * The usage object of an OpenAI chat completion (or of the last chunk of a stream with include_usage).
 * @typedef {object} OpenAIUsage
 * @property {number} [prompt_tokens]       every input token, cached and audio ones included
 * @property {number} [completion_tokens]   every output token, reasoning and audio ones included
 * @property {{ cached_tokens?: number, audio_tokens?: number } | null} [prompt_tokens_details]
 * @property {{ audio_tokens?: number, reasoning_tokens?: number } | null} [completion_tokens_details]
 */

/**
 * The plugin's token counts are disjoint (docs/api.md, "Token counts are disjoint"): `inputTokens` is text
 * input that was NOT read from the cache, and audio has counts of its own. OpenAI reports totals, so the
 * parts are subtracted here. Reasoning tokens are billed as output tokens, as OpenAI bills them.
 * @param {OpenAIUsage} usage
 * @returns {import('strapi-plugin-usage-billing/client').UsageCounts}
 */
export function billingUsage(usage) {
  const count = (/** @type {unknown} */ n) => (typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0);
  const prompt = count(usage.prompt_tokens);
  const completion = count(usage.completion_tokens);
  const cached = Math.min(prompt, count(usage.prompt_tokens_details?.cached_tokens));
  const inputAudio = Math.min(prompt - cached, count(usage.prompt_tokens_details?.audio_tokens));
  const outputAudio = Math.min(completion, count(usage.completion_tokens_details?.audio_tokens));
  /** @type {Record<string, number>} */
  const counts = {
    inputTokens: prompt - cached - inputAudio,
    cacheReadTokens: cached,
    inputAudioTokens: inputAudio,
    outputTokens: completion - outputAudio,
    outputAudioTokens: outputAudio,
  };
  // Leave zero counts out: the report stays as short as the call was simple.
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

/**
 * OpenAI's `service_tier` of a response, as the plugin's service multiplier name: `flex` and `priority`
 * are priced differently (the starter price list has multipliers of those names); `default` and `auto`
 * are the base price.
 * @param {unknown} tier
 * @returns {string | undefined}
 */
export function billingServiceTier(tier) {
  return tier === 'flex' || tier === 'priority' ? tier : undefined;
}

/**
 * Our estimate of the tokens in a text, for output we must bill without the provider's count (a stream cut
 * midway, or stopped by the billing): one token per 4 characters, rounded up — OpenAI's rule of thumb for
 * English; a stream delta carries about one token, so each non-empty delta counts at least 1.
 * @param {string} text
 */
export function estimateTokens(text) {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

/**
 * Estimated input tokens of a chat request (every text part of every message, tool definitions aside).
 * Used while the provider's count is not known yet: the stream meter holds money for the prompt first.
 * @param {{ messages?: unknown }} body
 */
export function estimatePromptTokens(body) {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  let characters = 0;
  for (const message of messages) {
    const content = message && typeof message === 'object' ? /** @type {{ content?: unknown }} */ (message).content : undefined;
    if (typeof content === 'string') characters += content.length;
    else if (Array.isArray(content)) {
      for (const part of content) if (part && typeof part.text === 'string') characters += part.text.length;
    }
  }
  return Math.ceil(characters / 4);
}

/**
 * The text a completion (its `message`s) or a streamed chunk (its `delta`s) produced: content, refusal,
 * reasoning (some compatible providers send it as `reasoning_content`) and tool calls, of every choice.
 * @param {any} completionOrChunk  a parsed chat completion, or one parsed `data:` event of a stream
 */
export function producedText(completionOrChunk) {
  let text = '';
  for (const choice of Array.isArray(completionOrChunk?.choices) ? completionOrChunk.choices : []) {
    const delta = choice?.delta ?? choice?.message ?? {};
    for (const part of [delta.content, delta.refusal, delta.reasoning_content]) if (typeof part === 'string') text += part;
    for (const call of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
      if (typeof call?.function?.name === 'string') text += call.function.name;
      if (typeof call?.function?.arguments === 'string') text += call.function.arguments;
    }
  }
  return text;
}
