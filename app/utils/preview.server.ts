import { createCookie, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { answersSchema, type Answers } from "~/domain/instrument/answers";
import type { Questionnaire } from "~/domain/instrument/instruments";
import { problem } from "./problem";
import { reviewPage } from "./survey-screen.server";

/**
 * A staff preview keeps its place and answers in a signed cookie in the
 * previewer's own browser, scoped to the preview's address: the server
 * stores nothing (no response, no draft, no count).
 */
export type PreviewState = { stage: "welcome" } | { stage: "survey"; answers: Answers; page: number } | { stage: "done" };

export const previewPath = (roundId: string, levelKey: string) => `/rounds/${roundId}/preview/${encodeURIComponent(levelKey)}`;

function previewCookie(context: AppLoadContext, roundId: string, levelKey: string) {
  const { sessionSecret, secureCookies } = context.config;
  if (!sessionSecret) throw new Error("No session secret: start the app through app/server/start.ts");
  return createCookie("mg_preview", { path: previewPath(roundId, levelKey), httpOnly: true, sameSite: "lax", secure: secureCookies, secrets: [sessionSecret] });
}

const stateSchema = (instrument: Questionnaire) =>
  z.discriminatedUnion("stage", [
    z.object({ stage: z.literal("welcome") }),
    z.object({ stage: z.literal("survey"), answers: answersSchema(instrument, "draft"), page: z.number().int().min(0).max(reviewPage(instrument)) }),
    z.object({ stage: z.literal("done") }),
  ]);

/** The preview's state; a missing, forged or outdated cookie starts again at the welcome page. */
export async function readPreview(request: Request, context: AppLoadContext, roundId: string, levelKey: string, instrument: Questionnaire): Promise<PreviewState> {
  const value: unknown = await previewCookie(context, roundId, levelKey).parse(request.headers.get("cookie"));
  const parsed = stateSchema(instrument).safeParse(value);
  return parsed.success ? parsed.data : { stage: "welcome" };
}

export async function previewHeaders(context: AppLoadContext, roundId: string, levelKey: string, state: PreviewState): Promise<Headers> {
  const cookie = await previewCookie(context, roundId, levelKey).serialize(state);
  // A cookie is about 4 KB at most; answers that would not fit are refused rather than cut.
  if (cookie.length > 4000) problem(413, "This preview holds too much text", "Shorten the longest answer and try again. Nothing is stored either way.");
  return new Headers({ "set-cookie": cookie, "Cache-Control": "no-store" });
}
