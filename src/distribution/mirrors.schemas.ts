import { type Static, Type } from "typebox";

export const MirrorSchema = Type.Object({
  /** Null for a host from the MIRROR_HOSTS setting, which the app cannot remove. */
  id: Type.Union([Type.Integer(), Type.Null()]),
  host: Type.String(),
  /** An edition code, or "all" for the whole site. */
  edition: Type.String(),
  source: Type.Union([Type.Literal("settings"), Type.Literal("app")]),
  createdAt: Type.Union([Type.String(), Type.Null()]),
});
export type MirrorDto = Static<typeof MirrorSchema>;

export const MirrorsOverviewSchema = Type.Object({
  items: Type.Array(MirrorSchema),
  /** The site's own origin (PUBLIC_URL). */
  primary: Type.String(),
  /** The onion address (ONION_HOST), or null. */
  onionHost: Type.Union([Type.String(), Type.Null()]),
  /** The Ed25519 public key that signs /mirrors.json: raw 32 bytes, base64. */
  publicKey: Type.String(),
  /** The same key as a PEM SubjectPublicKeyInfo, for `openssl pkeyutl -verify`. */
  publicKeyPem: Type.String(),
  /** Edition codes a mirror may serve, besides "all". */
  editions: Type.Array(Type.String()),
});
export type MirrorsOverview = Static<typeof MirrorsOverviewSchema>;

export const CreateMirrorBody = Type.Object(
  {
    host: Type.String({ minLength: 1, maxLength: 260 }),
    edition: Type.String({ minLength: 1, maxLength: 20 }),
  },
  { additionalProperties: false },
);
export type CreateMirrorBody = Static<typeof CreateMirrorBody>;

export const MirrorParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const EditionEntry = Type.Object({ code: Type.String(), url: Type.String() });
const HostEntry = Type.Object({ url: Type.String(), editions: Type.Array(EditionEntry) });

/** The public, signed list: `GET /mirrors.json`. */
export const MirrorListSchema = Type.Object({
  /** When the list last changed (every process and copy of the list agrees on it). */
  generatedAt: Type.String(),
  primary: HostEntry,
  mirrors: Type.Array(HostEntry),
  onion: Type.Union([HostEntry, Type.Null()]),
});
export type MirrorList = Static<typeof MirrorListSchema>;
