import { useCallback, useEffect, useRef, useState } from "react";

export interface DraftPayload {
  answers: Record<string, unknown>;
  page: number;
}

export type SaveState =
  | { state: "idle" }
  | { state: "pending" }
  | { state: "saving" }
  | { state: "saved"; savedAt: Date }
  | { state: "error"; message: string; retrying: boolean }
  | { state: "stopped"; message: string };

const DEBOUNCE_MS = 800;
const MAX_RETRY_MS = 30_000;

/**
 * Saves the latest draft to the server shortly after each change, one request
 * at a time, retrying with back-off when the network fails. "Saved" is only
 * shown after the server has acknowledged exactly the latest answers.
 */
export function useAutosave(url: string) {
  const [status, setStatus] = useState<SaveState>({ state: "idle" });
  const unsaved = useRef<DraftPayload | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const stopped = useRef(false);
  const retryMs = useRef(1000);

  const flush = useCallback(
    async (): Promise<void> => {
      clearTimeout(timer.current);
      timer.current = undefined;
      const payload = unsaved.current;
      if (!payload || stopped.current || inFlight.current) return;
      unsaved.current = null;
      inFlight.current = true;
      setStatus({ state: "saving" });
      // After the request: retry the same answers, send newer ones, or wait for the next change.
      let next: "wait" | "retry" | "again" = "wait";
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(payload),
          credentials: "same-origin",
          // A save in flight outlives the page: closing the tab right after a change loses nothing.
          keepalive: true,
        });
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        if (response.ok) {
          retryMs.current = 1000;
          if (unsaved.current) next = "again";
          setStatus(unsaved.current ? { state: "pending" } : { state: "saved", savedAt: new Date() });
        } else if ([403, 409, 410].includes(response.status)) {
          stopped.current = true;
          setStatus({ state: "stopped", message: body.message ?? "Answers can no longer be saved." });
        } else if (response.status === 422 || response.status === 413) {
          // The answers need a correction; the next change sends them again.
          unsaved.current ??= payload;
          setStatus({ state: "error", message: body.message ?? "Some answers could not be saved.", retrying: false });
        } else {
          unsaved.current ??= payload;
          next = "retry";
          setStatus({ state: "error", message: "The server did not save your latest answers.", retrying: true });
        }
      } catch {
        unsaved.current ??= payload;
        next = "retry";
        setStatus({ state: "error", message: "You seem to be offline.", retrying: true });
      } finally {
        inFlight.current = false;
      }
      if (next === "retry") {
        timer.current = setTimeout(() => void flush(), retryMs.current);
        retryMs.current = Math.min(MAX_RETRY_MS, retryMs.current * 2);
      } else if (next === "again") {
        timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
      }
    },
    [url],
  );

  const schedule = useCallback(
    (payload: DraftPayload) => {
      if (stopped.current) return;
      unsaved.current = payload;
      setStatus({ state: "pending" });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  const saveNow = useCallback(
    (payload: DraftPayload) => {
      if (stopped.current) return;
      unsaved.current = payload;
      void flush();
    },
    [flush],
  );

  /** Before submitting: nothing queued may overwrite the submitted answers. */
  const stop = useCallback(() => {
    clearTimeout(timer.current);
    unsaved.current = null;
    stopped.current = true;
  }, []);

  const resume = useCallback(() => {
    stopped.current = false;
  }, []);

  useEffect(() => {
    const leave = () => void flush();
    const onVisibility = () => document.visibilityState === "hidden" && leave();
    const onOnline = () => void flush();
    const warn = (event: BeforeUnloadEvent) => {
      if (unsaved.current || inFlight.current) event.preventDefault();
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("online", onOnline);
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("beforeunload", warn);
      clearTimeout(timer.current);
    };
  }, [flush]);

  return { status, schedule, saveNow, stop, resume };
}
