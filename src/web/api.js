// The JSON API, with the write token when one was given.
const TOKEN_KEY = 'annals.token';

export function takeTokenFromUrl() {
  const m = /^#token=([A-Za-z0-9._~-]{8,200})$/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', location.pathname + '#/');
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(t) {
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error ? `${body.error.code} ${body.error.message}` : `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code ?? null;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const t = token();
  if (t && method !== 'GET') headers.Authorization = `Bearer ${t}`;
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await r.json().catch(() => null);
  if (!r.ok) throw new ApiError(r.status, data);
  return data;
}

export const api = {
  get: (path, params) => call('GET', params ? `${path}?${query(params)}` : path),
  post: (path, body) => call('POST', path, body),
  del: (path) => call('DELETE', path),
};

/** URLSearchParams from an object, empty values left out. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q.toString();
}

let codesPromise = null;
/** CAMEO code → label, loaded once. */
export function codeLabels() {
  codesPromise ??= api.get('/api/codes').then((r) => new Map(r.codes.map((c) => [c.code, c.label])));
  return codesPromise;
}
