import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { emailSchema } from "~/domain/access/users";
import { fieldErrors, safeRedirect, type FieldErrors } from "~/utils/form.server";
import { getUser, startSession } from "~/utils/session.server";
import { checkCredentials } from "~/utils/sign-in.server";

export const meta: MetaFunction = () => [{ title: "Sign in | ModelGap" }];

/** A refused sign-in's Retry-After reaches the page's response too, not only the action's data. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (await getUser(request, context)) throw redirect(redirectTo);
  return { redirectTo };
}

const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "enter your password" }).min(1, "enter your password").max(200, "that password is too long"),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const redirectTo = safeRedirect(form.get("redirectTo"));
  const parsed = signInSchema.safeParse({ email: form.get("email") ?? "", password: form.get("password") ?? "" });
  const email = String(form.get("email") ?? "");
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) as FieldErrors, email }, { status: 400 });
  const result = await checkCredentials(context, request, parsed.data.email, parsed.data.password);
  if (!result.ok) {
    const headers = result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : undefined;
    return data({ errors: { form: result.message } as FieldErrors, email }, { status: result.status, headers });
  }
  const headers = new Headers();
  headers.append("set-cookie", await startSession(request, context, result.userId));
  headers.append("set-cookie", result.knownDeviceCookie);
  return redirect(redirectTo, { headers });
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.errors ?? {};
  return (
    <main id="main" className="page page--narrow">
      <div className="card">
        <h1>Sign in to ModelGap</h1>
        <p>For facilitators, consultants and administrators. Answering a survey? Use the link you were sent; you need no account.</p>
        {errors.form ? (
          <div className="alert" role="alert" id="form-error">
            {errors.form}
          </div>
        ) : null}
        <Form method="post" noValidate aria-describedby={errors.form ? "form-error" : undefined}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field label="Email" name="email" type="email" autoComplete="username" defaultValue={result?.email} error={errors.email} required autoFocus />
          <Field label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} required />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Signing in…" : "Sign in"}
            </button>
          </div>
        </Form>
        <p className="hint">Forgotten your password? Ask an administrator to set a new one.</p>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
