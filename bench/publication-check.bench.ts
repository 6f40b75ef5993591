import { measureLabelledSet } from "../src/newsroom/publication-check/labelled-set.metrics.js";

// Rule (a) of the publication check on the labelled set: precision and recall per language, as JSON.
process.stdout.write(`${JSON.stringify(measureLabelledSet(), null, 2)}\n`);
