/** A tiny browser stand-in: keeps cookies between requests and sends our own Origin on unsafe methods. */
export class HttpClient {
  private cookies = new Map<string, string>();
  /** `headers` go with every request (e.g. X-Forwarded-For, to stand in for another address behind a trusted proxy). */
  constructor(
    private readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** Replaces this client's cookies, e.g. to replay a copied session cookie. */
  setCookieHeader(header: string) {
    this.cookies.clear();
    for (const pair of header.split("; ").filter(Boolean)) {
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers({ ...this.headers, ...Object.fromEntries(new Headers(init.headers)) });
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader());
    const method = init.method ?? "GET";
    if (method !== "GET" && !headers.has("origin")) headers.set("origin", this.base);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    const response = await fetch(this.base + path, { ...init, method, headers, body, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(eq + 1));
    }
    return response;
  }

  get(path: string) {
    return this.request(path);
  }

  postForm(path: string, fields: Record<string, string> = {}) {
    return this.request(path, { method: "POST", body: new URLSearchParams(fields) });
  }

  postJson(path: string, json: unknown) {
    return this.request(path, { method: "POST", json });
  }
}
