// Every call of the pages carries the signed-in key; a 401 forgets it and asks as the page says.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES } from './pages.mjs';
import { fetchStandIn, sessionStorageStandIn } from './stubs.mjs';

const api = await import(new URL('workbench/api.js', PAGES));

beforeEach(() => {
  globalThis.sessionStorage = sessionStorageStandIn();
  api.whenKeyMissing(() => null);
});

test('signed in, every call sends the key as a bearer token; signed out, none', async () => {
  globalThis.fetch = fetchStandIn(() => ({ body: { ok: true } }));
  assert.equal(api.signedIn(), false);
  assert.equal(api.signIn('  pk_abc  '), 'pk_abc');
  assert.equal(api.signedIn(), true);
  await api.get('/api/v1/plans');
  await api.post('/api/v1/evaluate', { a: 1 });
  api.signOut();
  await api.get('/api/v1/plans');
  assert.deepEqual(fetch.requests.map((r) => r.headers.Authorization), ['Bearer pk_abc', 'Bearer pk_abc', undefined]);
  assert.equal(fetch.requests[1].method, 'POST');
  assert.deepEqual(fetch.requests[1].body, { a: 1 });
});

test('an empty key is no sign-in', () => {
  assert.equal(api.signIn('   '), null);
  assert.equal(api.signIn(undefined), null);
  assert.equal(api.signedIn(), false);
});

test('a 401 forgets the key, asks for one once and tries again with it', async () => {
  globalThis.fetch = fetchStandIn((r) => (r.headers.Authorization === 'Bearer pk_good'
    ? { body: { items: [] } } : { status: 401, body: { title: 'Unauthorized', detail: 'unknown key' } }));
  api.signIn('pk_revoked');
  let asked = 0;
  api.whenKeyMissing(async () => { asked++; return api.signIn('pk_good'); });
  assert.deepEqual(await api.get('/api/v1/plans'), { items: [] });
  assert.equal(asked, 1);
  assert.deepEqual(fetch.requests.map((r) => r.headers.Authorization), ['Bearer pk_revoked', 'Bearer pk_good']);
  assert.equal(globalThis.sessionStorage.getItem(api.KEY_STORAGE), 'pk_good');
});

test('when no key is given after a 401, the 401 stands as a problem', async () => {
  globalThis.fetch = fetchStandIn(() => ({ status: 401, body: { title: 'Unauthorized', detail: 'no credentials' } }));
  await assert.rejects(api.get('/api/v1/plans'), (e) => e instanceof api.ApiProblem && e.status === 401
    && e.message === 'no credentials' && e.errors[0].pointer === '');
  assert.equal(fetch.requests.length, 1);
});
