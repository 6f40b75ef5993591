import { translate } from "../../platform/i18n/messages.js";
import { urls } from "../urls.js";

/** "Places in this story" on an article page. */
export function PlacesInStory({
  places,
  basePath,
  language,
}: {
  places: readonly { slug: string; name: string }[];
  basePath: string;
  language: string;
}) {
  if (places.length === 0) return null;
  return (
    <nav class="article-places" aria-label={translate(language, "place.inStory")}>
      <h2 class="article-places__title">{translate(language, "place.inStory")}</h2>
      <ul>
        {places.map((p) => (
          <li>
            <a href={urls.place(basePath, p.slug)}>{p.name}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
