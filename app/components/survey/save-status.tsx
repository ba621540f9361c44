import type { SaveState } from "./use-autosave";

const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });

function describe(status: SaveState): string {
  switch (status.state) {
    case "idle":
      return "Your answers are saved as you go";
    case "pending":
    case "saving":
      return "Saving…";
    case "saved":
      return `All answers saved at ${time.format(status.savedAt)}`;
    case "error":
      return status.retrying ? `Not saved yet: ${status.message} Trying again…` : `Not saved: ${status.message}`;
    case "stopped":
      return status.message;
  }
}

/** The visible "saved" state: text (not colour alone), announced politely to screen readers. */
export function SaveStatus({ status, submitting }: { status: SaveState; submitting: boolean }) {
  const state = submitting ? "saving" : status.state;
  return (
    <div className="save-status" data-state={state}>
      <span className="save-status__text" role="status" aria-live="polite" data-testid="save-status">
        {submitting ? "Submitting your answers…" : describe(status)}
      </span>
    </div>
  );
}
