// Stand-ins for what a browser gives the pages: sessionStorage, and a fetch that records each
// request and answers from a function of it.
export function sessionStorageStandIn() {
  const items = new Map();
  return {
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => items.set(k, String(v)),
    removeItem: (k) => items.delete(k),
  };
}

/** A fetch answering answer(request); the requests made are in fetch.requests. */
export function fetchStandIn(answer) {
  const requests = [];
  const fetch = async (url, init = {}) => {
    const request = { url: String(url), method: init.method ?? 'GET', headers: { ...(init.headers ?? {}) },
      body: init.body === undefined ? undefined : JSON.parse(init.body) };
    requests.push(request);
    const { status = 200, body = {} } = await answer(request);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  fetch.requests = requests;
  return fetch;
}
