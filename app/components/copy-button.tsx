import { useState } from "react";

/** Copies text to the clipboard and says so (politely, for screen readers too). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2500);
  };
  return (
    <span className="copy">
      <button type="button" className="button button--small button--secondary" onClick={copy} aria-label={label}>
        Copy
      </button>
      <span role="status" aria-live="polite" className="copy__status">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the link and copy it" : ""}
      </span>
    </span>
  );
}
