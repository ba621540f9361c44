import { useFetcher } from "@remix-run/react";
import { useState } from "react";

/**
 * A consultant's note on a finding: saved in place, shown with the finding in the print view and the
 * exports. The form is drawn when the note is opened (or already written): a report of forty findings
 * does not build forty forms on every page view.
 */
export function NoteEditor({ findingKey, note, title }: { findingKey: string; note: string | null; title: string }) {
  const [open, setOpen] = useState(Boolean(note));
  return (
    <details className="finding__note-editor" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{note ? "Your note" : "Add a note"}</summary>
      {open ? <NoteForm findingKey={findingKey} note={note} title={title} /> : null}
    </details>
  );
}

function NoteForm({ findingKey, note, title }: { findingKey: string; note: string | null; title: string }) {
  const fetcher = useFetcher<{ saved?: boolean; error?: string }>();
  const id = `note-${findingKey.replace(/[^\w-]/g, "_")}`;
  const saving = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" className="finding__note-form">
      <input type="hidden" name="intent" value="note" />
      <input type="hidden" name="findingKey" value={findingKey} />
      <div className="field">
        <label htmlFor={id}>Your note on this finding</label>
        <p className="field__hint" id={`${id}-hint`}>
          On “{title}”. Shown with the finding in the report, its print view, its slides and its exports. Leave empty to remove it.
        </p>
        <textarea id={id} name="note" defaultValue={note ?? ""} maxLength={2000} rows={3} aria-describedby={`${id}-hint`} />
      </div>
      <button type="submit" className="button button--small" disabled={saving}>
        {saving ? "Saving…" : "Save note"}
      </button>{" "}
      <span role="status" aria-live="polite" className={fetcher.data?.error ? "field__error" : "copy__status"}>
        {saving ? "" : (fetcher.data?.error ?? (fetcher.data?.saved ? "Note saved" : ""))}
      </span>
    </fetcher.Form>
  );
}
