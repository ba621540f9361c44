import type { Answers } from "~/domain/instrument/answers";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";
import { HttpClient } from "./http";

/**
 * The survey pages' form contract, written out by hand (not derived from the
 * renderer): one field per statement named by its item, "question.model" for
 * each allocation box, the question name otherwise; `_page` and `_intent`
 * say which page was posted and which button was pressed.
 */
export const PAGES = {
  now: 0,
  desired: 1,
  beliefs: 2,
  practices: 3,
  lineOfSight: 4,
  structure: 5,
  experience: 6,
  context: 7,
} as const;
export const PAGE_COUNT = 8;

/** The fields one page of the current instrument posts for these answers. */
export function pageFields(answers: Answers, page: number): Record<string, string> {
  const fields: Record<string, string> = {};
  const put = (name: string, value: unknown) => {
    if (value !== undefined) fields[name] = String(value);
  };
  if (page === PAGES.now || page === PAGES.desired) {
    const question = page === PAGES.now ? instrument.explicit.now : instrument.explicit.desired;
    const allocation = (answers[question] ?? {}) as Record<string, number>;
    for (const model of instrument.modelIds) put(`${question}.${model}`, allocation[model]);
  } else if (page === PAGES.context) {
    for (const name of ["ctx_function", "ctx_tenure", "ctx_customer_view"]) put(name, answers[name]);
  } else {
    for (const row of instrument.matrices[page - PAGES.beliefs]!.rows) put(row, answers[row]);
  }
  return fields;
}

/** Posts one page of the survey as the browser's form does (no script). */
export function postPage(client: HttpClient, token: string, page: number, intent: "next" | "back" | "submit", fields: Record<string, string>, extra: Record<string, string> = {}) {
  return client.postForm(`/r/${token}/survey`, { ...fields, ...extra, _page: String(page), _intent: intent });
}

/** Answers every page with `answers` and submits, as a browser without JavaScript does; returns the last response. */
export async function answerAllPages(client: HttpClient, token: string, answers: Answers): Promise<Response> {
  let last: Response | undefined;
  for (let page = 0; page < PAGE_COUNT; page++) {
    last = await postPage(client, token, page, page === PAGE_COUNT - 1 ? "submit" : "next", pageFields(answers, page));
    await last.arrayBuffer();
  }
  return last!;
}
