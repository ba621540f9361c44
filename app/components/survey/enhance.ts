/**
 * The respondent pages' only script: a few kilobytes, no framework. The pages
 * work fully without it (every page is a form that saves when posted); it
 * adds what script does best:
 * - focus on the new page's heading (or on what is wrong), so the page is announced;
 * - live "points left" counters, computed from what is in the boxes now;
 * - saving while typing, one request at a time, retried when the connection
 *   fails, each save numbered so a late one never overwrites newer answers;
 * - a warning before leaving with changes not yet saved.
 * It never writes to a field: what a person typed before it ran stays typed.
 */
import { evaluate, parseExpression } from "~/domain/survey/expression";
import { parseNumberInput, remainingText } from "~/domain/survey/values";

const DEBOUNCE_MS = 700;
const MAX_RETRY_MS = 30_000;

function focusOnLoad() {
  const target = document.querySelector<HTMLElement>("[data-focus-on-load]");
  // Someone already busy on the page (typing while it loaded) keeps their place.
  if (!target || (document.activeElement && document.activeElement !== document.body)) return;
  target.focus();
}

function liveCounters(form: HTMLFormElement) {
  const counters = [...form.querySelectorAll<HTMLOutputElement>("output[data-expression]")].flatMap((output) => {
    const expr = parseExpression(output.dataset.expression ?? "");
    if (!expr) return [];
    const fields = JSON.parse(output.dataset.fields ?? "{}") as Record<string, string>;
    const constants = JSON.parse(output.dataset.constants ?? "{}") as Record<string, unknown>;
    const total = output.dataset.total === undefined ? null : Number(output.dataset.total);
    return [{ output, expr, fields, constants, total }];
  });
  const update = () => {
    for (const { output, expr, fields, constants, total } of counters) {
      const value = evaluate(expr, (name) => {
        const field = fields[name];
        if (field === undefined) return constants[name];
        const input = form.elements.namedItem(field);
        return input instanceof HTMLInputElement ? parseNumberInput(input.value) : undefined;
      });
      const left = typeof value === "number" ? value : null;
      const text = total === null ? String(value ?? "") : remainingText(left, total);
      if (output.textContent !== text) output.textContent = text;
      output.parentElement?.classList.toggle("counter--over", left !== null && left < 0);
      output.parentElement?.classList.toggle("counter--done", left === 0);
    }
  };
  if (counters.length === 0) return;
  form.addEventListener("input", update);
  update();
}

type SaveReply = { status?: string; title?: string; message?: string };

function autosave(form: HTMLFormElement) {
  const url = form.dataset.saveUrl;
  const status = form.querySelector<HTMLElement>("[data-save-status]");
  const revisionInput = form.elements.namedItem("_revision");
  const pageInput = form.elements.namedItem("_page");
  if (!url || !(revisionInput instanceof HTMLInputElement) || !(pageInput instanceof HTMLInputElement)) return;
  let revision = Number(revisionInput.value) || 0;
  const page = Number(pageInput.value);
  let changed = false;
  let inFlight = false;
  let stopped = false;
  let submitting = false;
  let retryMs = 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  status?.setAttribute("role", "status");
  const say = (text: string) => {
    if (status && status.textContent !== text) status.textContent = text;
  };

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), ms);
  };

  async function flush(): Promise<void> {
    if (!changed || stopped || submitting) return;
    if (inFlight) return; // the save in flight sends the latest answers again when it ends
    changed = false;
    inFlight = true;
    revision += 1;
    say("Saving…");
    const fields = [...new FormData(form)].filter(([name, value]) => !name.startsWith("_") && typeof value === "string");
    let again: number | null = null;
    try {
      const response = await fetch(url!, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ page, revision, fields }),
        credentials: "same-origin",
        keepalive: true,
      });
      const reply = (await response.json().catch(() => ({}))) as SaveReply;
      if (response.ok && (reply.status === "saved" || reply.status === "partial")) {
        retryMs = 1000;
        say(changed ? "Saving…" : reply.status === "partial" ? (reply.message ?? "Saved, except answers that need a correction.") : "All answers on this page are saved.");
        if (changed) again = DEBOUNCE_MS;
      } else if (response.ok && reply.status === "stale") {
        stopped = true;
        say(reply.message ?? "These answers were changed in another window. Reload this page to see them.");
      } else if (response.status === 422) {
        // Something on the page needs correcting; the next change is sent again.
        changed = true;
        say(reply.message ?? "Some answers need a correction before they can be saved.");
      } else if (response.status >= 400 && response.status < 500) {
        stopped = true;
        say(reply.message ?? "Answers can no longer be saved here.");
      } else throw new Error(String(response.status));
    } catch {
      changed = true;
      again = retryMs;
      retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
      say(navigator.onLine === false ? "Not saved yet: you seem to be offline. Trying again…" : "Not saved yet. Trying again…");
    } finally {
      inFlight = false;
    }
    if (again !== null) schedule(again);
  }

  const onChange = () => {
    if (submitting || stopped) return;
    changed = true;
    say("Saving…");
    schedule(DEBOUNCE_MS);
  };
  form.addEventListener("input", onChange);
  form.addEventListener("change", onChange);
  window.addEventListener("online", () => schedule(0));
  form.addEventListener("submit", () => {
    submitting = true;
    clearTimeout(timer);
    // The page post is newer than any background save still on its way.
    revision += 1;
    revisionInput.value = String(revision);
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) submitting = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (!submitting && (changed || inFlight)) event.preventDefault();
  });
}

/**
 * One click is enough: a second press while the next page loads does nothing.
 * Offline, the page stays as it is (with everything typed) instead of giving
 * way to the browser's error page, and says to press again when back online.
 */
function oneSubmitAtATime(form: HTMLFormElement) {
  let sent = false;
  form.addEventListener("submit", (event) => {
    if (navigator.onLine === false) {
      event.preventDefault();
      event.stopImmediatePropagation();
      const status = form.querySelector<HTMLElement>("[data-save-status]");
      if (status) status.textContent = "You seem to be offline. Everything you typed is still here: press the button again once you are back online.";
      return;
    }
    if (sent) {
      event.preventDefault();
      return;
    }
    sent = true;
    const button = event.submitter;
    if (button instanceof HTMLButtonElement && button.dataset.busy) button.textContent = button.dataset.busy;
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) sent = false;
  });
}

focusOnLoad();
for (const form of document.querySelectorAll<HTMLFormElement>("form[data-survey-form], form[data-start-form]")) {
  oneSubmitAtATime(form);
  if (form.dataset.surveyForm !== undefined) {
    liveCounters(form);
    autosave(form);
  }
}
