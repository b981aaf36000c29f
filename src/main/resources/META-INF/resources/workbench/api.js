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

/** Where a signed-in page keeps its API key (identity fills it in); absent, calls go without one. */
export const KEY_STORAGE = 'parley.key';

/**
 * Every request the pages make goes through here, so that the API key, once there is one, is sent
 * with each of them as `Authorization: Bearer <key>`.
 */
export function call(path, { method = 'GET', headers = {}, body, signal, base = '' } = {}) {
  const key = storedKey();
  const all = key ? { ...headers, Authorization: `Bearer ${key}` } : headers;
  return fetch(base + path, { method, headers: all, body, signal });
}

function storedKey() {
  try {
    return globalThis.sessionStorage?.getItem(KEY_STORAGE) || null;
  } catch {
    return null; // storage refused (a sandboxed frame): no key
  }
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
