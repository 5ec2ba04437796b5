'use strict';
// JSON over real HTTP (Node's fetch) for tests that need many concurrent requests against a listening
// server: supertest starts a server per call, which does not scale to hundreds of parallel calls.
async function postJson(url, body, token) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

module.exports = { postJson };
