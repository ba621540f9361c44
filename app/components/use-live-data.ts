import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/** Keeps a page's numbers fresh without a reload: refetch on focus and every `intervalMs` while visible. */
export function useLiveData(intervalMs = 15_000) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === "visible") revalidate();
    };
    const timer = setInterval(refresh, intervalMs);
    window.addEventListener("focus", refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", refresh);
    };
  }, [revalidate, intervalMs]);
  return state === "loading";
}
