import { useEffect, useState, type ReactNode } from "react";

/** Charts measure the page, so they draw once in the browser; the server renders a same-size placeholder. */
export function ClientOnly({ children, height }: { children: () => ReactNode; height: number }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <div style={{ minHeight: height }}>{mounted ? children() : <p className="hint chart-loading">Drawing the chart…</p>}</div>;
}
