import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/field";
import { OrganisationCheckboxes } from "~/components/organisation-checkboxes";
import { emailSchema, personNameSchema, roleSchema } from "~/domain/access/users";
import { listAllOrganisations } from "~/models/organisations.server";
import { createUser, DuplicateEmailError, listUsers } from "~/models/users.server";
import { authorise } from "~/utils/auth.server";
import { fieldErrors, readForm } from "~/utils/form.server";
import { hashPassword } from "~/utils/password.server";
import { chosenOrGeneratedPassword } from "~/utils/users-form.server";

export const meta: MetaFunction = () => [{ title: "Users | ModelGap" }];
export const handle = { breadcrumb: () => [{ label: "Users", to: "/admin/users" }] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await authorise(request, context, "users.manage", null);
  const users = await listUsers(context.db);
  const organisations = await listAllOrganisations(context.db);
  return { users, organisations: organisations.map(({ id, name }) => ({ id, name })) };
}

const newUserSchema = z.object({ email: emailSchema, name: personNameSchema, role: roleSchema, organisationIds: z.array(z.string()) });

export async function action({ request, context }: ActionFunctionArgs) {
  await authorise(request, context, "users.manage", null);
  const form = await readForm(request);
  const values = { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "") };
  const parsed = newUserSchema.safeParse({ ...values, organisationIds: form.getAll("organisationId").map(String) });
  const password = await chosenOrGeneratedPassword(form.get("password"), [values.email, values.name]);
  if (!parsed.success || "error" in password) {
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    if ("error" in password) errors.password = password.error;
    return data({ errors, values, created: null }, { status: 400 });
  }
  const known = new Set((await listAllOrganisations(context.db)).map((o) => o.id));
  const passwordHash = await hashPassword(password.password);
  try {
    await createUser(context.db, {
      ...parsed.data,
      organisationIds: parsed.data.organisationIds.filter((id) => known.has(id)),
      passwordHash,
    });
  } catch (error) {
    if (!(error instanceof DuplicateEmailError)) throw error;
    return data({ errors: { email: "a user with this email already exists" }, values, created: null }, { status: 409 });
  }
  return { errors: {}, values: null, created: { email: parsed.data.email, password: password.generated ? password.password : null } };
}

export default function Users() {
  const { users, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <>
      <div className="page-head">
        <h1>Users</h1>
      </div>
      {result?.created ? (
        <div className="flash" role="status">
          Account created for {result.created.email}.
          {result.created.password ? (
            <>
              {" "}
              Their password is <code>{result.created.password}</code>: pass it on now, it is not shown again.
            </>
          ) : null}
        </div>
      ) : null}
      <div className="table-scroll">
        <table className="data">
          <caption className="visually-hidden">Accounts</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Organisations</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  <Link to={`/admin/users/${user.id}`}>{user.email}</Link>
                </td>
                <td>{user.name ?? ""}</td>
                <td>{user.role}</td>
                <td>{user.role === "admin" ? "All" : user.organisations.map((o) => o.name).join(", ") || "None yet"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="new-user">
        <h2 id="new-user">New account</h2>
        <Form method="post" noValidate>
          <Field label="Email" name="email" type="email" autoComplete="off" defaultValue={result?.values?.email} error={errors.email} required />
          <Field label="Name (optional)" name="name" defaultValue={result?.values?.name} error={errors.name} />
          <div className={errors.role ? "field field--error" : "field"}>
            <label htmlFor="field-role">Role</label>
            {errors.role ? <p className="field__error">{errors.role}</p> : null}
            <select id="field-role" name="role" defaultValue={result?.values?.role ?? "consultant"}>
              <option value="consultant">Consultant: reads reports, adds notes</option>
              <option value="facilitator">Facilitator: runs rounds and reads reports</option>
              <option value="admin">Administrator: everything, including accounts</option>
            </select>
          </div>
          <Field
            label="Password (optional)"
            name="password"
            type="password"
            autoComplete="new-password"
            error={errors.password}
            hint="Leave empty to generate a strong one, shown once after saving."
          />
          <OrganisationCheckboxes organisations={organisations} checked={[]} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              Create account
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
