// JSON answers of the plugin's routes: reading a 400's error fields, and JSON over real HTTP (Node's
// fetch) for tests that need many concurrent requests against a listening server (supertest starts a
// server per call, which does not scale to hundreds of parallel calls).

/** An answer: its status and its body parsed (untyped JSON, as supertest's `res.body`), null when empty. */
export interface JsonResponse {
  status: number;
  /** Whatever JSON the server answered (untyped, like supertest's `res.body`). */
  body: any;
}

/** The error of an answer, as Strapi shapes a 400: `{ error: { details: { errors: [{ field }] } } }`. */
interface ErrorBody {
  error?: { details?: { errors?: { field: string }[] } };
}

/** The `field` of every error of a 400 answer, e.g. ['tiers[1].upTo'] (none when the answer has no errors). */
export const errorFields = (res: { body?: ErrorBody }): string[] => (res.body?.error?.details?.errors ?? []).map((e) => e.field);

export async function postJson(url: string, body: unknown, token?: string): Promise<JsonResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
