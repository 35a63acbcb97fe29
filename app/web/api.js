// The JSON API of this origin: one fetch wrapper that adds the sign-in token, reads
// application/problem+json errors into ApiError, and walks paged lists.
const TOKEN_KEY = "rehearse.token";

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || "HTTP " + status);
    this.status = status;
    this.title = title || "";
  }
}

// The token lives in sessionStorage unless the user asked to stay signed in (localStorage).
export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || localStorage.getItem(TOKEN_KEY) || "";
}
export function setToken(value, remember) {
  clearToken();
  (remember ? localStorage : sessionStorage).setItem(TOKEN_KEY, value);
}
export function clearToken() {
  sessionStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(TOKEN_KEY);
}

let onUnauthorized = () => {};
/** Called when a request answers 401 (token missing, wrong or revoked): the app shows sign-in. */
export function whenUnauthorized(fn) {
  onUnauthorized = fn;
}

export const enc = encodeURIComponent;

export async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  const t = token();
  if (t) headers.Authorization = "Bearer " + t;
  const init = { method, headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let r;
  try {
    r = await fetch("/api/v1" + path, init);
  } catch (e) {
    throw new ApiError(0, "Network error", "The server did not answer: " + e.message);
  }
  const data = await r.json().catch(() => ({}));
  if (!r.ok) {
    const err = new ApiError(r.status, data.title, data.detail);
    if (r.status === 401) onUnauthorized(err);
    throw err;
  }
  return data;
}

export const get = (path) => api("GET", path);
export const post = (path, body) => api("POST", path, body === undefined ? {} : body);

/** Every item of a paged list, following `next` (at most `max` items). */
export async function all(path, max = 1000) {
  let items = [];
  let cursor = null;
  while (items.length < max) {
    const sep = path.includes("?") ? "&" : "?";
    const page = await get(path + sep + "limit=100" + (cursor ? "&cursor=" + enc(cursor) : ""));
    items = items.concat(page.items || []);
    if (!page.next) break;
    cursor = page.next;
  }
  return items;
}

/** The learner's path prefix: /learners/NAME */
export const learnerPath = (name) => "/learners/" + enc(name);

// Content lists (problems, lessons, curricula) change only with the server's plugins: read once.
const cache = new Map();
export function cached(path) {
  if (!cache.has(path)) cache.set(path, all(path).catch((e) => { cache.delete(path); throw e; }));
  return cache.get(path);
}
