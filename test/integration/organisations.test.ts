import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations } from "~db/schema";
import { createAccount, signedIn } from "../support/accounts";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
const db = () => server.database.db;
const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");
const named = async (name: string) => (await db().select().from(organisations)).filter((o) => o.name === name);

describe("organisations across workspaces", () => {
  it("lets two facilitators each hold the same name, and tells neither about the other's", async () => {
    const ann = await signedIn(server.url, await createAccount(db(), "facilitator"));
    const bob = await signedIn(server.url, await createAccount(db(), "facilitator"));
    const first = await ann.postForm("/orgs", { name: "Northwind Retail" });
    const second = await bob.postForm("/orgs", { name: "Northwind Retail" });
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(await named("Northwind Retail")).toHaveLength(2);
    const bobsList = await text(await bob.get("/orgs"));
    expect(bobsList).toContain(second.headers.get("location")!);
    expect(bobsList).not.toContain(first.headers.get("location")!.split("/").pop()!); // not even its id in the page data
  });

  it("keeps names unique within what one person sees, whatever their case and spacing", async () => {
    const carla = await signedIn(server.url, await createAccount(db(), "facilitator"));
    expect((await carla.postForm("/orgs", { name: "Contoso Logistics" })).status).toBe(302);
    const again = await carla.postForm("/orgs", { name: "contoso  LOGISTICS" });
    expect(again.status).toBe(409);
    expect(await text(again)).toContain("you already have an organisation called “Contoso Logistics”; choose another name or open that one");
    expect(await named("contoso  LOGISTICS")).toEqual([]);
    // An admin sees every organisation, so for an admin the name is taken.
    const admin = await signedIn(server.url, await createAccount(db(), "admin"));
    const adminAgain = await admin.postForm("/orgs", { name: "CONTOSO LOGISTICS" });
    expect(adminAgain.status).toBe(409);
    expect((await admin.postForm("/orgs", { name: "Fabrikam" })).status).toBe(302);
    expect((await named("Fabrikam"))[0]).toMatchObject({ origin: "admin" });
    expect((await named("Contoso Logistics"))[0]).toMatchObject({ origin: "facilitator" });
  });

  it("takes any characters in a name and shows them as text", async () => {
    const dana = await signedIn(server.url, await createAccount(db(), "facilitator"));
    const name = `<img src=x onerror=alert(1)> & "Söhne" \u202e ${"字".repeat(3)}`;
    const created = await dana.postForm("/orgs", { name });
    expect(created.status).toBe(302);
    const page = await text(await dana.get(created.headers.get("location")!));
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Söhne&quot;");
    expect(page).not.toContain("<img src=x");
  });
});
