import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { startTestServer, type TestServer } from "./server";

/** A built app on its own database and a Chromium, for one end-to-end test file (`setUp` runs once both are ready). */
export function browserAndServer(setUp?: (server: TestServer) => unknown) {
  const e2e = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    [e2e.server, e2e.browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await setUp?.(e2e.server);
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.server?.close();
  });
  return e2e;
}

/** Signs the demo's consultant in through the sign-in form and opens the demo's closed round (its workspace page). */
export async function openDemoRoundAsConsultant(page: Page, baseUrl: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill("consultant@northwind.example");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Northwind Retail" }).click();
  await page.getByRole("link", { name: "Baseline diagnostic" }).click();
  await page.waitForURL(/\/rounds\/[^/]+$/);
}
