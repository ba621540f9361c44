import type { Answers } from "~/domain/instrument/answers";
import { HttpClient } from "./http";

/** The resume token a browser holds for an open link (Remix cookies are base64 JSON). */
export function resumeTokenOf(client: HttpClient): string | undefined {
  const pair = client.cookieHeader().split("; ").find((c) => c.startsWith("mg_resume_"));
  if (!pair) return undefined;
  const value = decodeURIComponent(pair.slice(pair.indexOf("=") + 1));
  return JSON.parse(Buffer.from(value, "base64").toString("utf8")) as string;
}

export interface Submission {
  client: HttpClient;
  status: number | "network error";
  acknowledged: boolean;
  /** performance.now() when the request was sent and when its answer (or failure) came back, to tell what was in flight when. */
  sentAt: number;
  answeredAt: number;
}

/** One respondent submitting complete answers on an open link, as the survey page does. */
export async function submitAsNewRespondent(baseUrl: string, token: string, answers: Answers): Promise<Submission> {
  const client = new HttpClient(baseUrl);
  const sentAt = performance.now();
  try {
    const response = await client.postJson(`/r/${token}/survey`, { answers });
    await response.arrayBuffer();
    const acknowledged = response.status === 302 && response.headers.get("location") === `/r/${token}/thanks`;
    return { client, status: response.status, acknowledged, sentAt, answeredAt: performance.now() };
  } catch {
    return { client, status: "network error", acknowledged: false, sentAt, answeredAt: performance.now() };
  }
}
