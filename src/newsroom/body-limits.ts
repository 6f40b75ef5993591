/**
 * Size limits of an article body (and a live entry's). Bodies are trees, and every walk over one
 * (validator, renderers, search) would overflow the stack on a hostile document nested thousands
 * deep; the limits keep those walks short, and the renderers stop at them for rows stored earlier.
 */

/** Nesting of nodes: a top-level paragraph is at depth 1, its text at 2; each list level adds 2. */
export const BODY_MAX_DEPTH = 20;

/** Nodes in the whole document (blocks, list items, text runs, hard breaks). */
export const BODY_MAX_NODES = 20_000;

/**
 * Lists nested in lists: list level k sits at depth 2k - 1 and its text at 2k + 2, so nine levels
 * fit in BODY_MAX_DEPTH. Renderers draw no deeper than this and drop what lies below.
 */
export const BODY_MAX_LIST_NESTING = (BODY_MAX_DEPTH - 2) / 2;
