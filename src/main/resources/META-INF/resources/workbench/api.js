// Calls to the Parley API from the browser. Every answer that is not 2xx is an RFC 9457 problem;
// it is thrown as an ApiProblem so the caller can place each error next to the field it names.

/** A problem answer: status, title, detail and the errors, each with its JSON pointer. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** Each error as {pointer, message}; a problem without errors is one error without a pointer. */
  get errors() {
    const listed = Array.isArray(this.problem.errors) ? this.problem.errors : [];
    return listed.length > 0 ? listed : [{ pointer: '', message: this.message }];
  }
}

/**
 * Where the page keeps the caller's API key: sessionStorage, so it lasts as long as the tab and is
 * sent only to this service, never placed in a URL.
 */
export const KEY_STORAGE = 'parley.key';

function storedKey() {
  try {
    return globalThis.sessionStorage?.getItem(KEY_STORAGE) || null;
  } catch {
    return null; // storage refused (a sandboxed frame): no key
  }
}

/**
 * Keeps a key (an API key `pk_…` or an OIDC token) for the tab's session: every call() sends it
 * from now on. Returns the key kept, or null when none was given.
 */
export function signIn(key) {
  const kept = String(key ?? '').trim();
  if (!kept) return null;
  try {
    globalThis.sessionStorage?.setItem(KEY_STORAGE, kept);
  } catch {
    // storage refused: the key is not kept, and the next call asks again
  }
  return kept;
}

/** Forgets the key: the next call goes without one (and is asked for one after a 401). */
export function signOut() {
  try {
    globalThis.sessionStorage?.removeItem(KEY_STORAGE);
  } catch {
    // storage refused: nothing kept to forget
  }
}

/** Whether the tab holds a key. */
export function signedIn() {
  return storedKey() !== null;
}

/** The workbench's way to ask for a key after a 401: the browser's prompt; null when none is given. */
function promptForKey() {
  if (typeof window === 'undefined' || typeof window.prompt !== 'function') return null;
  return signIn(window.prompt('Parley API key (pk_…), from your administrator or data/admin.key'));
}

let askForKey = promptForKey;

/**
 * Sets how a key is asked for after a 401: a function returning the key (or a promise of it), or
 * null to let the 401 stand. The task pane cannot prompt (Office hosts have no window.prompt): it
 * shows its own sign-in instead and lets the 401 stand.
 */
export function whenKeyMissing(ask) {
  askForKey = ask;
}

function send(url, method, headers, body, signal, key) {
  const all = key ? { ...headers, Authorization: `Bearer ${key}` } : headers;
  return fetch(url, { method, headers: all, body, signal });
}

/**
 * Every request the pages make goes through here, so that the API key, once there is one, is sent
 * with each of them as `Authorization: Bearer <key>`; on a 401 the key is forgotten, one is asked
 * for once and the request tried again.
 */
export async function call(path, { method = 'GET', headers = {}, body, signal, base = '' } = {}) {
  const first = await send(base + path, method, headers, body, signal, storedKey());
  if (first.status !== 401) return first;
  signOut();
  const key = await askForKey();
  return key ? send(base + path, method, headers, body, signal, key) : first;
}

/** POSTs a JSON body to the API and returns the parsed answer, or throws an ApiProblem. */
export async function post(path, body, { signal, base = '', query = '' } = {}) {
  const response = await call(path + query, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    signal,
    base,
  });
  return answer(response);
}

/** GETs a JSON answer, or throws an ApiProblem. */
export async function get(path, { signal, base = '' } = {}) {
  return answer(await call(path, { headers: { Accept: 'application/json' }, signal, base }));
}

async function answer(response) {
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new ApiProblem(response.status, body);
  }
  return body;
}
