import { Type } from "typebox";
import { PlaceTagSchema } from "./maps.schemas.js";

const Id = Type.Integer({ minimum: 1 });

export const LivePlacesParams = Type.Object({ id: Id });
export const LiveEntryTagParams = Type.Object({
  id: Id,
  entryId: Id,
  slug: Type.String({ minLength: 1, maxLength: 120, pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" }),
});

export const LivePlaceTagSchema = Type.Object({ entryId: Type.Integer(), ...PlaceTagSchema.properties });
export const LivePlaceTagListSchema = Type.Object({ items: Type.Array(LivePlaceTagSchema) });
