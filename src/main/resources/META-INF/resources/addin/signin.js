// Parley's sign-in page for the task pane's Office dialog: the person enters a key (or an OIDC
// token), Parley is asked whether it knows it, and only then is it sent to the task pane with
// Office's messageParent, as {"key": "…"}. The task pane keeps it for the session.

/** A read any signed-in caller may make: it answers 200 for a good key and 401 for any other. */
export const CHECK_PATH = '/api/v1/plans?size=1';

/**
 * Whether Parley takes this key: null when it does, otherwise why not (the problem's detail, or
 * that Parley did not answer).
 */
export async function refusal(key, fetchFn = globalThis.fetch) {
  let response;
  try {
    response = await fetchFn(CHECK_PATH, { headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' } });
  } catch (e) {
    return `Parley did not answer: ${e.message}`;
  }
  if (response.ok) return null;
  const problem = await response.json().catch(() => ({}));
  return response.status === 401 ? `Parley does not know this key: ${problem.detail ?? 'it is unknown, revoked or expired'}`
    : problem.detail ?? `Parley answered ${response.status}`;
}

function mount(office) {
  const form = document.getElementById('signin-page');
  const message = document.getElementById('message');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = document.getElementById('key').value.trim();
    if (!key) {
      message.textContent = 'Enter a key first';
      return;
    }
    message.textContent = '';
    const why = await refusal(key);
    if (why) {
      message.textContent = why;
      return;
    }
    office.context.ui.messageParent(JSON.stringify({ key }));
  });
  form.dataset.ready = 'true';
}

if (typeof Office !== 'undefined') {
  Office.onReady(() => mount(Office));
}
