/** Reader URLs of the support pages under an edition's base path (`/` or `/ru/`), optionally absolute. */
export function supportUrls(origin: string, base: string) {
  const page = `${origin}${base}support`;
  return {
    page,
    checkout: `${page}/checkout`,
    thanks: `${page}/thanks`,
    cancelled: `${page}/cancelled`,
    manage: `${page}/manage`,
    portal: `${page}/portal`,
  };
}
