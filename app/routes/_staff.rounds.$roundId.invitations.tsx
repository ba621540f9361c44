import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { InvitationPreviewTable } from "~/components/invitation-preview";
import { previewInvitations, type InvitationPreview } from "~/domain/rounds/invitation-csv";
import { importInvitations, invitedEmails, listInvitations } from "~/models/invitations.server";
import { listLevels } from "~/models/rounds.server";
import { requireRound } from "~/utils/auth.server";

const MAX_UPLOAD_BYTES = 512 * 1024;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { round, organisation } = await requireRound(request, context, params.roundId, "round.manage");
  const invitations = listInvitations(context.db, round.id);
  return {
    round: { id: round.id, name: round.name, status: round.status },
    organisation: { id: organisation.id, name: organisation.name },
    levels: listLevels(context.db, round.id).map((l) => ({ key: l.key, label: l.label })),
    invitations: invitations.map(({ token: _token, ...invitation }) => invitation),
    notSubmitted: invitations.filter((i) => i.status !== "submitted").length,
  };
}

type ActionResult = { preview: InvitationPreview; csv: string } | { problem: string };

async function uploadedText(form: FormData): Promise<string | { problem: string }> {
  const file = form.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_UPLOAD_BYTES) return { problem: `That file is ${Math.round(file.size / 1024)} KB; upload at most 512 KB at a time.` };
    return file.text();
  }
  const csv = form.get("csv");
  if (typeof csv === "string" && csv.trim() !== "") return csv;
  return { problem: "Choose a CSV file to upload." };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { round } = await requireRound(request, context, params.roundId, "round.manage");
  const form = await request.formData();
  const text = await uploadedText(form);
  if (typeof text !== "string") return data<ActionResult>(text, { status: 400 });
  const levels = listLevels(context.db, round.id);
  const preview = previewInvitations(text, levels, invitedEmails(context.db, round.id));
  if (form.get("intent") !== "import" || !preview.valid) {
    return data<ActionResult>({ preview, csv: text }, { status: preview.valid ? 200 : 422 });
  }
  const levelIds = new Map(levels.map((level) => [level.key, level.id]));
  const added = importInvitations(
    context.db,
    round.id,
    preview.rows.map((row) => ({ email: row.email, name: row.name, levelId: levelIds.get(row.levelKey!)! })),
  );
  return redirect(`/rounds/${round.id}/invitations?added=${added}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Invitations: ${data?.round.name ?? "round"} | ModelGap` }];
export const handle = {
  breadcrumb: (data: Awaited<ReturnType<typeof loader>>) => [
    { label: "Organisations", to: "/orgs" },
    { label: data.organisation.name, to: `/orgs/${data.organisation.id}` },
    { label: data.round.name, to: `/rounds/${data.round.id}` },
    { label: "Invitations", to: `/rounds/${data.round.id}/invitations` },
  ],
};

export default function Invitations() {
  const { round, levels, invitations, notSubmitted } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const added = params.get("added");
  return (
    <>
      <div className="page-head">
        <h1>Personal invitations</h1>
      </div>
      {added ? (
        <p className="flash" role="status">
          {added} invitation{added === "1" ? "" : "s"} added. Export the links below for your mail merge.
        </p>
      ) : null}
      <p>
        Each person gets their own link, so each can answer once. Their identity is used only to count participation and to remind those who have not
        answered: no report links answers to a person.
      </p>
      <section className="card" aria-labelledby="upload">
        <h2 id="upload">Add people from a CSV file</h2>
        <p className="hint">
          One person per row: <code>email,level,name</code> (name optional), with or without a header row. The level is its name or id:{" "}
          {levels.map((l) => l.label).join(", ")}. You will see a preview before anything is stored.
        </p>
        <Form method="post" encType="multipart/form-data">
          <div className="field">
            <label htmlFor="file">CSV file</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv,text/plain" required />
          </div>
          <div className="actions">
            <button type="submit" name="intent" value="preview" className="button" disabled={busy}>
              {busy ? "Checking…" : "Check the file"}
            </button>
          </div>
        </Form>
        {result && "problem" in result ? (
          <div className="alert" role="alert">
            {result.problem}
          </div>
        ) : null}
        {result && "preview" in result ? <InvitationPreviewTable preview={result.preview} csv={result.csv} busy={busy} /> : null}
      </section>
      <section aria-labelledby="invited">
        <h2 id="invited">Invited ({invitations.length})</h2>
        {invitations.length === 0 ? (
          <div className="empty">
            <p>No one is invited yet. Upload a CSV file above, or use the level links on the round page.</p>
          </div>
        ) : (
          <>
            <p className="actions">
              <a className="button button--secondary" href={`/rounds/${round.id}/invitations.csv`} download>
                Export links for mail merge (CSV)
              </a>
              <a className="button button--secondary" href={`/rounds/${round.id}/reminders.csv`} download>
                Export reminder list: {notSubmitted} not submitted (CSV)
              </a>
            </p>
            <div className="table-scroll">
              <table className="data">
                <caption className="visually-hidden">Invited people and whether they have answered</caption>
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Name</th>
                    <th scope="col">Level</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {invitations.map((invitation) => (
                    <tr key={invitation.id}>
                      <td>{invitation.email}</td>
                      <td>{invitation.name ?? ""}</td>
                      <td>{invitation.levelLabel}</td>
                      <td>{invitation.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}
