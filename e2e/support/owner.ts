import { type Browser, type BrowserOptions, openBrowser } from "./browser.js";
import type { TestServer } from "./server.js";

/**
 * The first run of a fresh server: waits for its one-time owner-setup link, opens a browser and
 * creates the owner account with it. Resolves signed in, on the dashboard.
 */
export async function setUpOwner(
  server: TestServer,
  owner: { name: string; email: string; password: string },
  options: BrowserOptions = {},
): Promise<Browser> {
  const deadline = Date.now() + 10_000;
  while (!server.ownerSetupUrl() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const link = server.ownerSetupUrl();
  if (!link) throw new Error(`The server printed no owner setup link:\n${server.output()}`);
  const browser = await openBrowser(server.origin, options);
  const { page } = browser;
  await page.goto(link);
  await page.getByRole("heading", { name: "Set up your newsroom" }).waitFor();
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(owner.password);
  await page.getByLabel("Repeat the password").fill(owner.password);
  await page.getByRole("button", { name: "Create the owner account" }).click();
  await page.getByRole("heading", { level: 1, name: `Hello, ${owner.name}` }).waitFor();
  return browser;
}
