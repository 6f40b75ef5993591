import { type Static, Type } from "typebox";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const ApiKeySchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()),
  requestCount: Type.Integer(),
});
export type ApiKeyDto = Static<typeof ApiKeySchema>;

export const ApiKeyListSchema = Type.Object({ items: Type.Array(ApiKeySchema) });

/** The answer to a create: the key itself appears here once and never again. */
export const CreatedApiKeySchema = Type.Object({ ...ApiKeySchema.properties, key: Type.String() });

export const CreateApiKeyBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;

export const ApiKeyParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
