/**
 * The key an old address is stored and looked up under: its path without the host or a trailing
 * slash, decoded, so `https://old.example/2020/01/story/`, `/2020/01/story` and the percent-encoded
 * Cyrillic form of the same path all meet. WordPress's `?p=123` and `?page_id=123` keep only that
 * parameter; any other query string is ignored. Undefined for the site root, which never redirects.
 */
export function oldPathKey(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address, "http://old.invalid");
  } catch {
    return undefined;
  }
  for (const name of ["p", "page_id"]) {
    const id = url.searchParams.get(name);
    if (id && /^\d+$/.test(id)) return `/?${name}=${id}`;
  }
  let path = url.pathname.replace(/\/+$/, "");
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape is stored as it came; the request path is keyed the same way.
  }
  return path === "" ? undefined : path;
}
