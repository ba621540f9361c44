import { Link, useMatches } from "@remix-run/react";

export interface Crumb {
  label: string;
  to: string;
}

/** A route adds its crumbs with `handle.breadcrumb(data)`; the layout renders the trail. */
export interface BreadcrumbHandle {
  breadcrumb: (data: never) => Crumb[];
}

export function Breadcrumbs() {
  const crumbs = useMatches().flatMap((match) => {
    const handle = match.handle as BreadcrumbHandle | undefined;
    return handle?.breadcrumb && match.data ? handle.breadcrumb(match.data as never) : [];
  });
  if (crumbs.length === 0) return null;
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {crumbs.map((crumb, i) => (
          <li key={crumb.to}>
            {i === crumbs.length - 1 ? <span aria-current="page">{crumb.label}</span> : <Link to={crumb.to}>{crumb.label}</Link>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
