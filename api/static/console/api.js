// The console's only way to the server: the public admin API, with the admin key as a bearer token.

/** An error answer of the API: `{"error": {"code", "message", "details"}}` and its status. */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code || `http_${status}`;
    this.details = details ?? null;
  }

  /** `details` as a list of `{field, message}` (pydantic's `loc` joined with dots), for forms. */
  fieldErrors() {
    const list = Array.isArray(this.details) ? this.details : this.details ? [this.details] : [];
    return list
      .filter((d) => d && typeof d === "object")
      .map((d) => {
        const loc = Array.isArray(d.loc) ? d.loc.filter((p) => p !== "body") : d.field ? String(d.field).split(".") : [];
        return { field: loc.join("."), message: d.reason || d.msg || d.message || String(d.type || "invalid") };
      });
  }
}

function queryString(query) {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

export function createApi(key, base = "") {
  async function request(method, path, { body, query, form, headers = {} } = {}) {
    const init = { method, headers: { Authorization: `Bearer ${key}`, ...headers } };
    if (form) init.body = form;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers["Content-Type"] = "application/json";
    }
    let response;
    try {
      response = await fetch(`${base}${path}${queryString(query)}`, init);
    } catch (err) {
      throw new ApiError(0, "network_error", `The API did not answer (${err.message}).`);
    }
    if (response.status === 204) return null;
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!response.ok) {
      const e = (data && data.error) || {};
      const err = new ApiError(response.status, e.code, e.message || text.slice(0, 200), e.details);
      err.retryAfter = Number(response.headers.get("Retry-After")) || null;
      throw err;
    }
    return data;
  }
  return {
    key,
    get: (path, query) => request("GET", path, { query }),
    post: (path, body, query) => request("POST", path, { body, query }),
    put: (path, body) => request("PUT", path, { body }),
    patch: (path, body) => request("PATCH", path, { body }),
    del: (path, query) => request("DELETE", path, { query }),
    upload: (path, form) => request("POST", path, { form }),
    /** Every item of a paged list route (`items` + `next_cursor`), up to `max`. */
    async all(path, query = {}, max = 2000) {
      const items = [];
      let cursor = null;
      do {
        const page = await request("GET", path, { query: { ...query, cursor } });
        items.push(...(page.items || []));
        cursor = page.next_cursor;
      } while (cursor && items.length < max);
      return items;
    },
    /** A file the API serves behind auth (an uploaded proof), as a blob: URL for <img>/<video>. */
    async blobUrl(path) {
      const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${key}` } });
      if (!response.ok) throw new ApiError(response.status, "proof_unavailable", `The file answered ${response.status}.`);
      return URL.createObjectURL(await response.blob());
    },
  };
}
