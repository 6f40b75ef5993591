/** Entry of the newsroom app (served at /admin by src/admin/admin.routes.ts). */
import { render } from "preact";
import { App } from "./App.js";
import { interceptLinks } from "./router.js";
import { readEditions } from "./session.js";

const root = document.getElementById("app");
if (root) {
  interceptLinks(document.body);
  render(<App editions={readEditions(root)} />, root);
}
