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
export const API_KEY = 'parley.apiKey';

/** The Authorization header of the key this tab holds; asks for one when it holds none. */
function credentials(askIfMissing) {
  let key = sessionStorage.getItem(API_KEY);
  if (!key && askIfMissing && typeof window.prompt === 'function') {
    key = (window.prompt('Parley API key (pk_…), from your administrator or data/admin.key') || '').trim();
    if (key) sessionStorage.setItem(API_KEY, key);
  }
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** Sends the request with the tab's key; on a 401, forgets the key, asks for one once and tries again. */
async function send(url, init) {
  const first = await fetch(url, { ...init, headers: { ...init.headers, ...credentials(false) } });
  if (first.status !== 401) return first;
  sessionStorage.removeItem(API_KEY);
  const retried = credentials(true);
  return Object.keys(retried).length === 0 ? first : fetch(url, { ...init, headers: { ...init.headers, ...retried } });
}

/** POSTs a JSON body to the API and returns the parsed answer, or throws an ApiProblem. */
export async function post(path, body, { signal, base = '' } = {}) {
  const response = await send(base + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  return answer(response);
}

/** GETs a JSON answer, or throws an ApiProblem. */
export async function get(path, { signal, base = '' } = {}) {
  return answer(await send(base + path, { headers: { Accept: 'application/json' }, signal }));
}

async function answer(response) {
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new ApiProblem(response.status, body);
  }
  return body;
}
