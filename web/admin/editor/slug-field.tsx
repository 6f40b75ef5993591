/** The article's slug: editable, with the full address it gives the story on the site. */
import { useId } from "preact/hooks";

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The address before the slug, from the article's current URL ("https://…/ru/news/"). */
export function urlBaseOf(url: string): string {
  return url.slice(0, url.lastIndexOf("/") + 1);
}

/** What the editor types, made slug-shaped as they go: lowercase, spaces and underscores as hyphens. */
export function tidySlug(typed: string): string {
  return typed.toLowerCase().replace(/[\s_]+/g, "-");
}

/** Why a slug would be refused, or null when it is fine (the server checks it again). */
export function slugProblem(slug: string): string | null {
  if (slug === "") return "The slug cannot be empty.";
  if (slug.length > 120) return "The slug is longer than 120 characters.";
  if (!SLUG_PATTERN.test(slug)) return "Use only lowercase letters a–z, digits and single hyphens between them.";
  return null;
}

export function SlugField({
  slug,
  urlBase,
  followsTitle,
  live,
  onSlug,
}: {
  slug: string;
  /** Everything of the URL before the slug: the site's origin, the edition's path and "news/". */
  urlBase: string;
  /** The slug is still made from the headline (a draft whose slug nobody has edited). */
  followsTitle: boolean;
  /** The story is on the site (or scheduled): a new slug redirects the old address. */
  live: boolean;
  onSlug: (slug: string) => void;
}) {
  const id = useId();
  const problem = slugProblem(slug);
  const hint = followsTitle
    ? "Made from the headline until you edit it or the story is published."
    : live
      ? "Changing it moves the story: the old address keeps working and redirects to the new one."
      : "Edited by hand: it stays as it is when the headline changes.";
  return (
    <div class="field slug-field">
      <label for={id}>Slug</label>
      <input
        id={id}
        value={slug}
        maxLength={120}
        spellcheck={false}
        autocomplete="off"
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-preview ${id}-hint${problem ? ` ${id}-problem` : ""}`}
        onInput={(event) => onSlug(tidySlug(event.currentTarget.value))}
      />
      <p class="slug-field__preview" id={`${id}-preview`}>
        <span class="visually-hidden">Address: </span>
        <span class="slug-field__url">
          {urlBase}
          <strong>{slug || "…"}</strong>
        </span>
      </p>
      <p class="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      {problem && (
        <p class="field__error" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
