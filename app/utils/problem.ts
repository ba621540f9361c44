import { data } from "@remix-run/node";

/** What every thrown error response carries, so one boundary can render any of them. */
export interface Problem {
  title: string;
  message: string;
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "title" in value && "message" in value;
}

/** Throws an error response the shared boundary renders as a clear page. */
export function problem(status: number, title: string, message: string, headers?: HeadersInit): never {
  throw data<Problem>({ title, message }, { status, headers });
}
