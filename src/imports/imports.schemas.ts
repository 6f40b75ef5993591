import { type Static, Type } from "typebox";

export const ImportSourceSchema = Type.Union([Type.Literal("wordpress"), Type.Literal("ghost"), Type.Literal("feed")]);

const Counts = {
  read: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  skipped: Type.Integer(),
  failed: Type.Integer(),
};

export const ImportReportSchema = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  skipped: Type.Integer(),
  failed: Type.Integer(),
  redirects: Type.Integer(),
  media: Type.Object({ imported: Type.Integer(), missing: Type.Integer() }),
  warnings: Type.Array(Type.String()),
});

export const ImportRunSchema = Type.Object({
  id: Type.Integer(),
  source: ImportSourceSchema,
  edition: Type.String(),
  status: Type.Union([Type.Literal("queued"), Type.Literal("running"), Type.Literal("done"), Type.Literal("failed")]),
  options: Type.Object({
    media: Type.String(),
    dryRun: Type.Boolean(),
    overwrite: Type.Boolean(),
    language: Type.Optional(Type.String()),
    category: Type.Optional(Type.String()),
  }),
  progress: Type.Object({ ...Counts, total: Type.Optional(Type.Integer()) }),
  report: Type.Union([ImportReportSchema, Type.Null()]),
  samples: Type.Array(
    Type.Object({
      sourceId: Type.String(),
      title: Type.String(),
      action: Type.String(),
      status: Type.String(),
      publishedAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

/** One import run as the admin API shows it (the newsroom app reads this type). */
export type ImportRunView = Static<typeof ImportRunSchema>;

export const RunParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const RedirectSchema = Type.Object({
  id: Type.Integer(),
  oldPath: Type.String(),
  articleId: Type.Integer(),
  createdAt: Type.String(),
});

export const RedirectListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
