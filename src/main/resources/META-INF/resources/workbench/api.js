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

/** POSTs a JSON body to the API and returns the parsed answer, or throws an ApiProblem. */
export async function post(path, body, { signal, base = '' } = {}) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  return answer(response);
}

/** GETs a JSON answer, or throws an ApiProblem. */
export async function get(path, { signal, base = '' } = {}) {
  return answer(await fetch(base + path, { headers: { Accept: 'application/json' }, signal }));
}

async function answer(response) {
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new ApiProblem(response.status, body);
  }
  return body;
}
