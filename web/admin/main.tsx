/** Entry of the newsroom app (served at /admin by src/admin/admin.routes.ts). */
import { render } from "preact";
import { App } from "./App.js";
import { interceptLinks } from "./router.js";
import { readEditions } from "./session.js";
import { setNewsroomTimeZone } from "./ui.js";

const root = document.getElementById("app");
if (root) {
  interceptLinks(document.body);
  const editions = readEditions(root);
  setNewsroomTimeZone(editions[0]?.timeZone);
  render(<App editions={editions} />, root);
}
