// Gazette's layer rules, checked by `npm run lint` (dependency-cruiser). docs/architecture.md explains
// them; src/architecture.test.ts proves each rule catches a deliberate violation.
//
// Capabilities are the folders under src/ other than platform/, admin/ and cli/. Tests and the
// composition roots (src/app.ts, src/main.ts, src/cli/) may import anything.

const CAPABILITIES = [
  "snapshot",
  "newsroom",
  "site",
  "distribution",
  "newsletters",
  "maps",
  "revenue",
  "search",
  "staff",
  "imports",
  "webhooks",
  "push",
  "api",
  "telegram",
  "planning",
  "audit",
  "analytics",
];
const TESTS = "\\.test\\.tsx?$";
const ROOTS = "^src/(app|main)\\.ts$|^src/cli/";

// What each capability may import besides platform/ and itself (docs/architecture.md, "Layers").
// staff's public surface for the others is the request's actor (who is asking, with which role).
const MAY_IMPORT = {
  newsroom: [],
  snapshot: [],
  site: ["newsroom"],
  distribution: ["newsroom", "site"],
  newsletters: ["newsroom", "site"],
  maps: ["newsroom", "site"],
  revenue: ["newsroom", "site"],
  search: ["newsroom", "site"],
  staff: [],
  imports: ["newsroom"],
  api: ["newsroom", "site", "maps"],
  telegram: ["newsroom", "site"],
  push: ["newsroom", "site"],
  webhooks: ["newsroom", "newsletters"],
  planning: ["newsroom"],
  audit: ["newsroom"],
  // The click redirect reads the newsletters' signed link; titles and bylines come from newsroom's services.
  analytics: ["newsroom", "newsletters"],
};
const STAFF_PUBLIC = "^src/staff/(actor|roles\\.shared)\\.ts$";

// Browser bundles (web/) may import from src/ only modules that are safe to bundle: pure rules,
// schemas and types with no server code behind them.
const BROWSER_SAFE = [
  "^src/[a-z-]+/[a-z.-]+\\.policy\\.ts$",
  "^src/[a-z-]+/[a-z.-]+\\.schemas\\.ts$",
  "^src/[a-z-]+/[a-z.-]+\\.shared\\.ts$",
  "^src/newsroom/body\\.(types|validator)\\.ts$",
  "^src/platform/i18n/zones\\.ts$",
];
const SERVER_ONLY_PACKAGES =
  "^node_modules/(fastify|@fastify|kysely|better-sqlite3|pg|ioredis|bullmq|sharp|nodemailer|mjml|stripe|@node-rs|croner|parse5)/";

const capabilityRules = CAPABILITIES.map((capability) => {
  const allowed = [capability, ...MAY_IMPORT[capability]].join("|");
  return {
    name: `layers-${capability}`,
    comment: `${capability} may import platform/ and ${MAY_IMPORT[capability].join(", ") || "nothing else"} (and staff's actor).`,
    severity: "error",
    from: { path: `^src/${capability}/`, pathNot: TESTS },
    to: {
      path: `^src/(${CAPABILITIES.join("|")})/`,
      pathNot: [`^src/(${allowed})/`, STAFF_PUBLIC],
    },
  };
});

module.exports = {
  forbidden: [
    {
      name: "platform-imports-no-capability",
      comment: "platform/ is infrastructure with no newsroom rules: it imports no capability.",
      severity: "error",
      from: { path: "^src/platform/" },
      to: { path: `^src/(${CAPABILITIES.join("|")}|admin|cli)/|^src/(app|main)\\.ts$` },
    },
    ...capabilityRules,
    {
      name: "no-other-repository",
      comment: "A capability's repository (its tables) is used by that capability only; others call its service.",
      severity: "error",
      from: { path: "^src/([a-z-]+)/", pathNot: [TESTS, ROOTS] },
      // Row types may be shared (they describe what a service returns); calls may not.
      to: { path: "^src/[a-z-]+/.+\\.repository\\.ts$", pathNot: "^src/$1/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "capability-imports-no-root",
      comment: "Only the composition roots wire capabilities together.",
      severity: "error",
      from: { path: "^src/", pathNot: [TESTS, ROOTS] },
      to: { path: ROOTS },
    },
    {
      name: "web-imports-browser-safe-src-only",
      comment: "The browser bundles import from src/ only pure, browser-safe modules.",
      severity: "error",
      from: { path: "^web/", pathNot: TESTS },
      to: { path: "^src/", pathNot: BROWSER_SAFE },
    },
    {
      name: "web-reaches-no-server-code",
      comment: "Nothing a browser bundle imports may lead, however indirectly, to server-only code.",
      severity: "error",
      from: { path: "^web/", pathNot: TESTS },
      to: { reachable: true, path: [SERVER_ONLY_PACKAGES, "^src/platform/(db|jobs|mail|redis|storage|cache)/"] },
    },
    {
      name: "no-circular-capabilities",
      comment: "Capabilities form a hierarchy: no import cycle between two folders of src/.",
      severity: "error",
      from: { path: "^src/([a-z-]+)/", pathNot: TESTS },
      to: { circular: true, path: "^src/", pathNot: "^src/$1/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|data|test-results|node_modules/\\.vite)/" },
    tsPreCompilationDeps: "specify",
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts"],
    },
  },
};
