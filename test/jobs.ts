import type { TestApp } from "./harness.js";

/**
 * Runs the due jobs and answers how many of them were scheduled publications: event deliveries
 * share the queue, so counting every job run would count them too.
 */
export async function runDuePublications(t: TestApp): Promise<number> {
  const done = async () =>
    (
      await t.database.db
        .selectFrom("jobs")
        .select("id")
        .where("kind", "=", "articles.publish-scheduled")
        .where("status", "=", "done")
        .execute()
    ).length;
  const before = await done();
  await t.services.jobs.runDue();
  return (await done()) - before;
}
