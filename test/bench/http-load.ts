import autocannon from "autocannon";

export interface LoadResult {
  name: string;
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than the one expected (e.g. 302 for a submission), and connection errors. */
  unexpected: number;
  errors: number;
}

interface LoadOptions {
  url: string;
  connections: number;
  seconds?: number;
  amount?: number;
  headers?: Record<string, string>;
  method?: "GET" | "POST";
  body?: string;
  /** Called per request: lets each request carry another respondent's cookie. */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
  expectedStatus?: number;
}

/** Drives one endpoint with autocannon and summarises throughput and latency. */
export async function load(name: string, options: LoadOptions): Promise<LoadResult> {
  const { seconds, amount, setupRequest, expectedStatus = 200, ...rest } = options;
  const settings = {
    ...rest,
    ...(amount ? { amount } : { duration: seconds ?? 5 }),
    ...(setupRequest ? { requests: [{ setupRequest }] } : {}),
  };
  // autocannon refuses keys set to undefined.
  const defined = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  const result = await autocannon(defined as unknown as autocannon.Options);
  const byStatus = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const total = Object.values(byStatus).reduce((sum, s) => sum + s.count, 0);
  return {
    name,
    connections: options.connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    unexpected: total - (byStatus[String(expectedStatus)]?.count ?? 0),
    errors: result.errors + result.timeouts,
  };
}
