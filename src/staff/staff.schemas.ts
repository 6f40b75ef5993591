import { Type } from "typebox";

export const RoleSchema = Type.Union([
  Type.Literal("contributor"),
  Type.Literal("author"),
  Type.Literal("editor"),
  Type.Literal("admin"),
  Type.Literal("owner"),
]);
export const StatusSchema = Type.Union([Type.Literal("active"), Type.Literal("disabled")]);

export const EmailSchema = Type.String({ format: "email", maxLength: 254 });
export const NameSchema = Type.String({ minLength: 1, maxLength: 120, pattern: "\\S" });
// Length rules (10–200) are the service's, with a clearer message; this only bounds the body.
export const PasswordSchema = Type.String({ minLength: 1, maxLength: 1000 });
export const LinkTokenSchema = Type.String({ minLength: 1, maxLength: 200 });
export const IdSchema = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const IdParams = Type.Object({ id: IdSchema });

export const StaffSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  status: StatusSchema,
  twoFactor: Type.Boolean(),
});

export const SignedInSchema = Type.Object({
  staff: StaffSchema,
  csrfToken: Type.String(),
  /** The newsroom requires two-factor sign-in of this member, who has not set it up: only setup works. */
  twoFactorSetupRequired: Type.Boolean(),
});

export const TwoFactorRequirementSchema = Type.Union([
  Type.Literal("none"),
  Type.Literal("editors_and_owners"),
  Type.Literal("all_staff"),
]);

export const StaffSettingsSchema = Type.Object(
  { requireTwoFactor: TwoFactorRequirementSchema },
  { additionalProperties: false },
);

/** For answers without a body (204): the reply is sent with `null`, which Fastify drops. */
export const NoContent = Type.Null({ description: "No content" });
