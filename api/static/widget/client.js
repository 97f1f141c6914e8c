// The widget's API client: only `/v1/me/...`, with the user token; remembers each GET's ETag and
// sends it back as If-None-Match, so an unchanged resource costs a 304 and no re-render.
// On 401 it asks the host for a new token (`onExpired`, which returns a promise of one) and
// retries the call once with it.

export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    const err = (body && body.error) || {};
    super(err.message || `HTTP ${status}`);
    this.status = status;
    this.code = err.code || null;
    this.details = err.details || null;
    this.retryAfter = retryAfter;
  }
}

export class Client {
  /** `base` the API's origin (or ""), `getToken()` the current token, `onExpired()` a promise of a new one. */
  constructor({ base, getToken, onExpired }) {
    this.base = (base || "").replace(/\/+$/, "");
    this.getToken = getToken;
    this.onExpired = onExpired;
    this.cache = new Map(); // path -> {etag, body}
  }

  url(path) {
    return `${this.base}/v1/me${path}`;
  }

  /** GET `path` (under /v1/me): `{body, changed}`; `changed` false when the server said 304. */
  async get(path) {
    const cached = this.cache.get(path);
    const headers = {};
    if (cached && cached.etag) headers["If-None-Match"] = cached.etag;
    const response = await this.fetch("GET", path, { headers });
    if (response.status === 304 && cached) return { body: cached.body, changed: false };
    const body = await readBody(response);
    if (!response.ok) throw new ApiError(response.status, body, retryAfter(response));
    this.cache.set(path, { etag: response.headers.get("ETag"), body });
    return { body, changed: true };
  }

  /** POST/DELETE `path` with an optional JSON body; the parsed answer (null for 204). */
  async send(method, path, json) {
    const init = { headers: {} };
    if (json !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(json);
    }
    const response = await this.fetch(method, path, init);
    const body = await readBody(response);
    if (!response.ok) throw new ApiError(response.status, body, retryAfter(response));
    return body;
  }

  async fetch(method, path, init, retried = false) {
    const headers = { ...init.headers, Authorization: `Bearer ${this.getToken()}` };
    const response = await fetch(this.url(path), { ...init, method, headers, cache: "no-store", mode: "cors" });
    if (response.status === 401 && !retried) {
      await this.onExpired();
      return this.fetch(method, path, init, true);
    }
    return response;
  }

  /** Uploads `file` as a proof (multipart `kind` + `file`) with XMLHttpRequest, for its upload
   * progress: `onProgress(fraction)`. Resolves to the submission; retries once after a 401. */
  upload(path, kind, file, onProgress, retried = false) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", this.url(path));
      xhr.setRequestHeader("Authorization", `Bearer ${this.getToken()}`);
      xhr.upload.addEventListener("progress", (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      });
      xhr.addEventListener("load", () => {
        let body = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = null;
        }
        if (xhr.status === 401 && !retried) {
          this.onExpired().then(() => this.upload(path, kind, file, onProgress, true).then(resolve, reject));
        } else if (xhr.status >= 200 && xhr.status < 300) {
          onProgress(1);
          resolve(body);
        } else {
          reject(new ApiError(xhr.status, body, Number(xhr.getResponseHeader("Retry-After")) || null));
        }
      });
      xhr.addEventListener("error", () => reject(new ApiError(0, null, null)));
      const form = new FormData();
      form.append("kind", kind);
      form.append("file", file, file.name);
      xhr.send(form);
    });
  }
}

async function readBody(response) {
  if (response.status === 204 || response.status === 304) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function retryAfter(response) {
  const value = Number(response.headers.get("Retry-After"));
  return Number.isFinite(value) && value > 0 ? value : null;
}
