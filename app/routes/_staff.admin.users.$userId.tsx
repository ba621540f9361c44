import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/field";
import { OrganisationCheckboxes } from "~/components/organisation-checkboxes";
import { roleSchema } from "~/domain/access/users";
import { listAllOrganisations } from "~/models/organisations.server";
import { findUser, listUsers, organisationIdsOf, setMemberships, setPassword, setRole } from "~/models/users.server";
import { authorise } from "~/utils/auth.server";
import { hashPassword } from "~/utils/password.server";
import { problem } from "~/utils/problem";
import { chosenOrGeneratedPassword } from "~/utils/users-form.server";
import { readForm } from "~/utils/form.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await authorise(request, context, "users.manage", null);
  const user = params.userId ? await findUser(context.db, params.userId) : undefined;
  if (!user) problem(404, "No such user", "Go back to the list of users.");
  const organisationIds = await organisationIdsOf(context.db, user.id);
  const organisations = await listAllOrganisations(context.db);
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    organisationIds,
    organisations: organisations.map(({ id, name }) => ({ id, name })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await authorise(request, context, "users.manage", null);
  const user = params.userId ? await findUser(context.db, params.userId) : undefined;
  if (!user) problem(404, "No such user", "Go back to the list of users.");
  const form = await readForm(request);
  if (form.get("intent") === "password") {
    const password = await chosenOrGeneratedPassword(form.get("password"), [user.email, user.name]);
    if ("error" in password) return data({ errors: { password: password.error }, password: null }, { status: 400 });
    const passwordHash = await hashPassword(password.password);
    await setPassword(context.db, user.id, passwordHash);
    return { errors: {}, password: password.generated ? password.password : "" };
  }
  const role = roleSchema.safeParse(form.get("role"));
  if (!role.success) return data({ errors: { role: role.error.issues[0]!.message }, password: null }, { status: 400 });
  const otherAdmins = (await listUsers(context.db)).filter((u) => u.role === "admin" && u.id !== user.id);
  if (user.role === "admin" && role.data !== "admin" && otherAdmins.length === 0) {
    return data({ errors: { role: "this is the last administrator: make someone else an administrator first" }, password: null }, { status: 409 });
  }
  const known = new Set((await listAllOrganisations(context.db)).map((o) => o.id));
  await setRole(context.db, user.id, role.data);
  await setMemberships(context.db, user.id, form.getAll("organisationId").map(String).filter((id) => known.has(id)));
  return redirect(`/admin/users/${user.id}?saved=1${admin.id === user.id ? "&self=1" : ""}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.email ?? "User"} | ModelGap` }];
export const handle = {
  breadcrumb: (data: Awaited<ReturnType<typeof loader>>) => [
    { label: "Users", to: "/admin/users" },
    { label: data.user.email, to: `/admin/users/${data.user.id}` },
  ],
};

export default function EditUser() {
  const { user, organisationIds, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <>
      <div className="page-head">
        <h1>{user.name ? `${user.name} (${user.email})` : user.email}</h1>
      </div>
      {params.get("saved") ? (
        <p className="flash" role="status">
          Saved.
        </p>
      ) : null}
      <section className="card" aria-labelledby="access">
        <h2 id="access">Role and organisations</h2>
        <Form method="post">
          <div className={errors.role ? "field field--error" : "field"}>
            <label htmlFor="field-role">Role</label>
            {errors.role ? <p className="field__error">{errors.role}</p> : null}
            <select id="field-role" name="role" defaultValue={user.role}>
              <option value="consultant">Consultant</option>
              <option value="facilitator">Facilitator</option>
              <option value="admin">Administrator</option>
            </select>
          </div>
          <OrganisationCheckboxes organisations={organisations} checked={organisationIds} />
          <div className="actions">
            <button type="submit" name="intent" value="access" className="button" disabled={busy}>
              Save role and organisations
            </button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="reset">
        <h2 id="reset">Reset the password</h2>
        {result?.password !== undefined && result.password !== null ? (
          <p className="flash" role="status">
            Password changed; {user.email} has been signed out everywhere.
            {result.password ? (
              <>
                {" "}
                The new password is <code>{result.password}</code>: pass it on now, it is not shown again.
              </>
            ) : null}
          </p>
        ) : null}
        <Form method="post">
          <Field
            label="New password (optional)"
            name="password"
            type="password"
            autoComplete="new-password"
            error={errors.password}
            hint="Leave empty to generate a strong one. Saving signs this person out everywhere."
          />
          <div className="actions">
            <button type="submit" name="intent" value="password" className="button button--secondary" disabled={busy}>
              Set a new password
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
