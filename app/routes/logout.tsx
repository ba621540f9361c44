import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/utils/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  return redirect("/login", { headers: { "set-cookie": await endSession(request, context) } });
}

/** Signing out changes state, so it takes a POST (a link or prefetch must not sign anyone out). */
export function loader() {
  return redirect("/");
}
