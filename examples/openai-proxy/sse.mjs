// @ts-check
// Reads a server-sent events stream (an upstream chat completion) event by event, keeping each event's
// raw text so the proxy forwards exactly what the provider sent.

/**
 * One event: its raw text (with the blank line that ends it) and the joined `data:` lines.
 * @typedef {{ raw: string, data: string }} SseEvent
 */

/**
 * @param {AsyncIterable<Uint8Array>} body  e.g. a fetch Response's body
 * @returns {AsyncGenerator<SseEvent>}
 */
export async function* sseEvents(body) {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true });
    let end;
    while ((end = eventEnd(buffer)) !== -1) {
      const raw = buffer.slice(0, end);
      buffer = buffer.slice(end);
      const event = parse(raw);
      if (event) yield event;
    }
  }
  buffer += decoder.decode();
  const last = parse(buffer);
  if (last) yield last;
}

/** Index just past the blank line that ends the first event in `text`, or -1. @param {string} text */
function eventEnd(text) {
  const match = /\r?\n\r?\n/.exec(text);
  return match ? match.index + match[0].length : -1;
}

/** @param {string} raw @returns {SseEvent | null} */
function parse(raw) {
  const data = raw
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''))
    .join('\n');
  return raw.trim() === '' ? null : { raw, data };
}
