// Parley's sign-in page for the Office dialog hands a key to the task pane only once Parley knows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES } from './pages.mjs';
import { fetchStandIn } from './stubs.mjs';

const signin = await import(new URL('addin/signin.js', PAGES));

test('a key Parley takes is no refusal, and it was checked with the key as a bearer token', async () => {
  const fetch = fetchStandIn(() => ({ body: { items: [] } }));
  assert.equal(await signin.refusal('pk_good', fetch), null);
  assert.equal(fetch.requests[0].url, signin.CHECK_PATH);
  assert.equal(fetch.requests[0].headers.Authorization, 'Bearer pk_good');
});

test('a key Parley does not know is refused with its reason', async () => {
  const fetch = fetchStandIn(() => ({ status: 401, body: { detail: 'the API key is revoked' } }));
  assert.equal(await signin.refusal('pk_old', fetch), 'Parley does not know this key: the API key is revoked');
});

test('no answer from Parley is said so', async () => {
  const refused = await signin.refusal('pk_x', async () => { throw new Error('connection refused'); });
  assert.equal(refused, 'Parley did not answer: connection refused');
});
