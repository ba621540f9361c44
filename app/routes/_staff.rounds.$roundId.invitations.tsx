import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { InvitationDelivery } from "~/components/invitation-delivery";
import { InvitationPreviewTable } from "~/components/invitation-preview";
import { InvitedPeople } from "~/components/invited-people";
import { previewInvitations, type InvitationPreview } from "~/domain/rounds/invitation-csv";
import { deliveryByLevel, queueReminders, requeueFailed } from "~/models/invitation-messages.server";
import { importInvitations, invitedEmails, listInvitedPeople } from "~/models/invitations.server";
import { listLevels } from "~/models/rounds.server";
import { requireRound } from "~/utils/auth.server";
import { uploadedText } from "~/utils/invitation-upload.server";
import { startDelivery } from "~/utils/mail-delivery.server";
import { problem } from "~/utils/problem";
import { readForm } from "~/utils/form.server";
import { rowId } from "~/domain/stored-integer";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { round, organisation } = await requireRound(request, context, params.roundId, "round.manage");
  const levels = await listLevels(context.db, round.id);
  const people = await listInvitedPeople(context.db, round.id);
  const delivery = await deliveryByLevel(context.db, round.id, levels);
  return {
    round: { id: round.id, name: round.name, status: round.status },
    organisation: { id: organisation.id, name: organisation.name },
    levels: levels.map((l) => ({ id: l.id, key: l.key, label: l.label })),
    people,
    delivery,
  };
}

type ActionResult = { preview: InvitationPreview; csv: string } | { problem: string };
const mailIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("remind"), levelId: rowId() }),
  z.object({ intent: z.literal("retry") }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { round } = await requireRound(request, context, params.roundId, "round.manage");
  const form = await readForm(request);
  const levels = await listLevels(context.db, round.id);
  const mail = mailIntent.safeParse({ intent: form.get("intent"), levelId: form.get("levelId") ?? undefined });
  if (mail.success) {
    if (round.status !== "open") problem(409, "The round is not open", "Emails go out only while the round is open. Open the round first.");
    const back = (query: string) => {
      void startDelivery(context.db, context.config, round.id);
      return redirect(`/rounds/${round.id}/invitations?${query}`);
    };
    if (mail.data.intent === "retry") {
      const retried = await requeueFailed(context.db, round.id);
      return back(`retried=${retried}`);
    }
    const { levelId } = mail.data;
    const level = levels.find((l) => l.id === levelId);
    if (!level) problem(404, "No such level", "Reload the page and try again.");
    const reminded = await queueReminders(context.db, round.id, level.id);
    return back(new URLSearchParams({ reminded: String(reminded), level: level.label }).toString());
  }
  const text = await uploadedText(form);
  if (typeof text !== "string") return data<ActionResult>(text, { status: 400 });
  const preview = previewInvitations(text, levels, await invitedEmails(context.db, round.id));
  // Nothing new to add (everyone already invited): the preview says so, and nothing is stored.
  if (form.get("intent") !== "import" || !preview.valid || preview.toInvite.length === 0) {
    return data<ActionResult>({ preview, csv: text }, { status: preview.valid ? 200 : 422 });
  }
  const levelIds = new Map(levels.map((level) => [level.key, level.id]));
  const rows = preview.toInvite.map((row) => ({ email: row.email, name: row.name, levelId: levelIds.get(row.levelKey!)! }));
  const added = await importInvitations(context.db, round.id, rows);
  // After the commit: the upload is stored whatever the mail server does.
  if (round.status === "open") void startDelivery(context.db, context.config, round.id);
  return redirect(`/rounds/${round.id}/invitations?added=${added}&skipped=${preview.rows.length - added}`);
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

function flash(params: URLSearchParams, open: boolean): string | null {
  const n = (name: string) => Number(params.get(name) ?? 0);
  const people = (count: number) => `${count} ${count === 1 ? "person" : "people"}`;
  if (params.has("added")) {
    const skipped = n("skipped") > 0 ? ` ${people(n("skipped"))} already invited ${n("skipped") === 1 ? "was" : "were"} skipped.` : "";
    const when = open ? "Their invitations are being emailed now." : "Their invitations will be emailed when you open the round.";
    return `${n("added")} invitation${n("added") === 1 ? "" : "s"} added. ${when}${skipped}`;
  }
  if (params.has("reminded")) {
    return n("reminded") === 0 ? `Everyone invited at ${params.get("level")} has answered: no reminder sent.` : `Reminder sent to ${people(n("reminded"))} at ${params.get("level")}.`;
  }
  if (params.has("retried")) return `${n("retried")} failed email${n("retried") === 1 ? " is" : "s are"} being sent again, with any still waiting.`;
  return null;
}

export default function Invitations() {
  const { round, levels, people, delivery } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const message = flash(params, round.status === "open");
  return (
    <>
      <div className="page-head">
        <h1>Personal invitations</h1>
      </div>
      {message ? (
        <p className="flash" role="status">
          {message}
        </p>
      ) : null}
      <p>
        The app emails each person their own link, so each can answer once, and reminds those whose answers have not arrived. Nobody running the
        survey sees the links or who has answered: only how many, per level.
      </p>
      <InvitationDelivery levels={delivery} open={round.status === "open"} />
      <section className="card" aria-labelledby="upload">
        <h2 id="upload">Add people from a CSV file</h2>
        <p className="hint">
          One person per row: <code>email,level,name</code> (name optional), with or without a header row. The level is its name or id:{" "}
          {levels.map((l) => l.label).join(", ")}. You will see a preview before anything is stored; people already invited are skipped.
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
        {result && "preview" in result ? <InvitationPreviewTable preview={result.preview} csv={result.csv} busy={busy} roundOpen={round.status === "open"} /> : null}
      </section>
      <InvitedPeople people={people} />
    </>
  );
}
