import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/utils/auth.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { user: { email: user.email, name: user.name, role: user.role } };
}

const ROLE_NAMES = { admin: "Administrator", facilitator: "Facilitator", consultant: "Consultant" } as const;

export default function StaffLayout() {
  const { user } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "loading";
  return (
    <>
      <header className="staff-header">
        <div className="staff-header__inner">
          <Link to="/orgs" className="staff-header__brand">
            ModelGap
          </Link>
          <nav aria-label="Main" className="staff-header__nav">
            <NavLink to="/orgs">Organisations</NavLink>
            {user.role === "admin" ? <NavLink to="/admin/users">Users</NavLink> : null}
          </nav>
          <div className="staff-header__user">
            <span>
              {user.name ?? user.email} <span className="staff-header__role">({ROLE_NAMES[user.role]})</span>
            </span>
            <Form method="post" action="/logout">
              <button type="submit" className="button button--small button--ghost">
                Sign out
              </button>
            </Form>
          </div>
        </div>
      </header>
      <div className="progress" data-active={busy} aria-hidden="true" />
      <div className="page">
        <Breadcrumbs />
        <main id="main">
          <Outlet />
        </main>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
