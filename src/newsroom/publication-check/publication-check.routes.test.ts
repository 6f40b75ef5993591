import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { paragraphs } from "../../../test/factories.js";
import type { Browser } from "../../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../../test/test-app.js";

const STRIKE = "A missile hit a nine-storey building at 14 Shevchenko Street shortly after midnight.";

describe.each(DIALECTS)("the publication check on %s", (dialect) => {
  let t: TestApp;
  let owner: Browser;
  beforeEach(async () => {
    t = await startTestApp(dialect, { now: () => new Date("2026-05-01T08:00:00Z"), editions: ["en"] });
    owner = await t.signInAs("owner");
  });
  afterEach(async () => t.close());

  const call = (
    who: { headers: Record<string, string> },
    method: "GET" | "POST" | "PUT" | "PATCH",
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url: `/admin/api${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

  async function turnOn(settings: object = {}) {
    const response = await call(owner, "PUT", "/publication-check/settings/en", {
      enabled: true,
      disabledRules: [],
      delayMinutes: 180,
      ...settings,
    });
    expect(response.statusCode).toBe(200);
  }

  async function story(by: { headers: Record<string, string> }, text = STRIKE, extra: object = {}): Promise<number> {
    const response = await call(by, "POST", "/articles", {
      edition: "en",
      title: "Night strike",
      body: paragraphs(text),
      ...extra,
    });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  it("answers 409 publication_check with every finding and why, and lets nothing out", async () => {
    await turnOn();
    const editor = await t.signInAs("editor");
    const id = await story(editor);
    const response = await call(editor, "POST", `/articles/${id}/publish`);
    expect(response.statusCode).toBe(409);
    const body = response.json();
    expect(body.code).toBe("publication_check");
    expect(body.findings).toEqual([
      {
        rule: "precise_place_after_strike",
        text: "14 Shevchenko Street",
        why: expect.stringContaining("finer than a city district"),
      },
    ]);
    expect((await call(editor, "GET", `/articles/${id}`)).json().status).toBe("draft");
    const schedule = await call(editor, "POST", `/articles/${id}/schedule`, {
      at: "2026-05-01T09:00:00Z",
      timeZone: "UTC",
    });
    expect(schedule.json().code).toBe("publication_check");
  });

  it("needs a reason to acknowledge, then a second editor who is neither writer nor acknowledger", async () => {
    await turnOn();
    const author = await t.signInAs("author");
    const first = await t.signInAs("editor");
    const second = await t.signInAs("editor");
    const id = await story(author);

    expect(
      (
        await call(author, "POST", `/articles/${id}/findings/ack`, {
          rules: ["precise_place_after_strike"],
          reason: "x",
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(first, "POST", `/articles/${id}/findings/ack`, {
          rules: ["precise_place_after_strike"],
          reason: " ",
        })
      ).statusCode,
    ).toBe(400);
    const ack = await call(first, "POST", `/articles/${id}/findings/ack`, {
      rules: ["precise_place_after_strike"],
      reason: "The street is the regional administration's own announcement, published six hours ago.",
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({
      unacknowledged: [],
      needsApproval: true,
      acknowledgements: [{ rule: "precise_place_after_strike", by: first.staff.name }],
    });

    const waiting = await call(author, "POST", `/articles/${id}/publish`);
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json()).toMatchObject({
      code: "second_approval_required",
      findings: [{ rule: "precise_place_after_strike" }],
    });

    expect((await call(author, "POST", `/articles/${id}/approve`)).statusCode).toBe(403);
    expect((await call(first, "POST", `/articles/${id}/approve`)).statusCode).toBe(403);
    const approved = await call(second, "POST", `/articles/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ needsApproval: false, approvals: [{ by: second.staff.name }] });

    const published = await call(first, "POST", `/articles/${id}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json().article.status).toBe("published");
  });

  it("checks an edit of a published story before Update makes it live, on the edited text", async () => {
    await turnOn();
    const author = await t.signInAs("author");
    const first = await t.signInAs("editor");
    const second = await t.signInAs("editor");
    const id = await story(author, "Residents of the city spent the night in shelters.");
    expect((await call(first, "POST", `/articles/${id}/publish`)).statusCode).toBe(200);

    const live = (await call(first, "GET", `/articles/${id}`)).json();
    const saved = await call(first, "PATCH", `/articles/${id}`, {
      version: live.version,
      pending: true,
      body: paragraphs(STRIKE),
    });
    expect(saved.statusCode).toBe(200);
    // The panel reads the story as Update would make it live, not the page as it is.
    expect((await call(first, "GET", `/articles/${id}/findings`)).json().findings).toEqual([
      expect.objectContaining({ rule: "precise_place_after_strike", text: "14 Shevchenko Street" }),
    ]);
    const refused = await call(first, "POST", `/articles/${id}/update`, { version: saved.json().version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: "publication_check",
      findings: [{ rule: "precise_place_after_strike", text: "14 Shevchenko Street" }],
    });
    expect((await t.app.inject({ url: live.url.replace(/^https?:\/\/[^/]+/, "") })).body).not.toContain("Shevchenko");

    const ack = await call(first, "POST", `/articles/${id}/findings/ack`, {
      rules: ["precise_place_after_strike"],
      reason: "The city council named the street in its own statement this morning.",
    });
    expect(ack.json()).toMatchObject({ unacknowledged: [], needsApproval: true });
    const waiting = await call(first, "POST", `/articles/${id}/update`, { version: saved.json().version });
    expect(waiting.json().code).toBe("second_approval_required");
    expect((await call(second, "POST", `/articles/${id}/approve`)).statusCode).toBe(200);
    const updated = await call(first, "POST", `/articles/${id}/update`, { version: saved.json().version });
    expect(updated.statusCode).toBe(200);
    expect((await t.app.inject({ url: live.url.replace(/^https?:\/\/[^/]+/, "") })).body).toContain("Shevchenko");
  });

  it("checks a direct edit of a published story's text, and lets other edits through", async () => {
    const editor = await t.signInAs("editor");
    const id = await story(editor, "Residents of the city spent the night in shelters.");
    expect((await call(editor, "POST", `/articles/${id}/publish`)).statusCode).toBe(200);
    await turnOn();
    const live = (await call(editor, "GET", `/articles/${id}`)).json();
    const refused = await call(editor, "PATCH", `/articles/${id}`, {
      version: live.version,
      seoDescription: "Missile strike on 14 Shevchenko Street overnight",
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("publication_check");
    const unchanged = (await call(editor, "GET", `/articles/${id}`)).json();
    expect(unchanged.version).toBe(live.version);
    expect((await call(editor, "PATCH", `/articles/${id}`, { version: live.version, featured: true })).statusCode).toBe(
      200,
    );
  });

  it("refuses an editor approving their own story, and a token approving its own", async () => {
    await turnOn();
    const editor = await t.signInAs("editor");
    const own = await story(editor);
    expect((await call(editor, "POST", `/articles/${own}/approve`)).json().code).toBe("forbidden");
    const token = { headers: await t.bearer("editor") };
    const byToken = await story(token);
    expect((await call(token, "POST", `/articles/${byToken}/approve`)).statusCode).toBe(403);
    const otherToken = { headers: await t.bearer("editor") };
    expect((await call(otherToken, "POST", `/articles/${byToken}/approve`)).statusCode).toBe(200);
  });

  it("lets a story out without findings once the delay after the event has passed", async () => {
    await turnOn();
    const editor = await t.signInAs("editor");
    const id = await story(editor, STRIKE, { eventAt: "2026-05-01T07:30:00+03:00" });
    expect((await call(editor, "POST", `/articles/${id}/publish`)).statusCode).toBe(200);
  });

  it("checks nothing when off, and skips the rules an owner turned off", async () => {
    const editor = await t.signInAs("editor");
    const unchecked = await story(editor);
    expect((await call(editor, "POST", `/articles/${unchecked}/publish`)).statusCode).toBe(200);
    await turnOn({ disabledRules: ["precise_place_after_strike"] });
    const id = await story(editor);
    expect((await call(editor, "POST", `/articles/${id}/publish`)).statusCode).toBe(200);
  });

  it("turns on for English editions with the outlet switch, and only owners set it", async () => {
    const editor = await t.signInAs("editor");
    expect(
      (
        await call(editor, "PUT", "/publication-check/settings/en", {
          enabled: true,
          disabledRules: [],
          delayMinutes: 60,
        })
      ).statusCode,
    ).toBe(403);
    const outlet = await call(owner, "PUT", `/publication-check/settings/${encodeURIComponent("*")}`, {
      enabled: true,
      disabledRules: [],
      delayMinutes: 180,
    });
    expect(outlet.statusCode).toBe(200);
    expect((await call(owner, "GET", "/publication-check/settings/en")).json()).toEqual({
      enabled: true,
      disabledRules: [],
      delayMinutes: 180,
    });
    const id = await story(editor);
    expect((await call(editor, "POST", `/articles/${id}/publish`)).json().code).toBe("publication_check");
  });

  it("says that a photo's location and time were stripped at upload", async () => {
    await turnOn();
    const editor = await t.signInAs("editor");
    const photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#777" } })
      .jpeg()
      .withExif({
        IFD0: { DateTime: "2026:05:01 06:10:00" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "50/1 27/1 0/1" },
      })
      .toBuffer();
    const media = await t.services.media.importImage(photo, { alt: "A yard after the night" });
    const id = await story(editor, "Neighbours cleared the yard together.", {
      leadImage: { mediaId: media.id, caption: null, credit: null, alt: null },
    });
    const response = await call(editor, "POST", `/articles/${id}/publish`);
    expect(response.json()).toMatchObject({
      code: "publication_check",
      findings: [{ rule: "photo_location", text: `Image ${media.id}`, why: expect.stringContaining("stripped") }],
    });
    expect(response.json().findings[0].why).toContain("location and time");
  });

  it("checks the photos of a gallery block and their captions, as it does the lead image's", async () => {
    await turnOn();
    const editor = await t.signInAs("editor");
    const tagged = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#777" } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "50/1 27/1 0/1" } })
      .toBuffer();
    const clean = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#333" } })
      .jpeg()
      .toBuffer();
    const first = await t.services.media.importImage(tagged, { alt: "A courtyard" });
    const second = await t.services.media.importImage(clean, { alt: "A queue for water" });
    const caption = "Volunteers hand out water at 7 Franko Street.";
    // No strike in the story: only the photo rule speaks.
    const id = await story(editor, "Neighbours cleared the yard together.", {
      title: "Neighbours help",
      body: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Neighbours cleared the yard together." }] },
          {
            type: "gallery",
            attrs: {
              layout: "grid",
              photos: [
                { mediaId: first.id, caption: "The courtyard in the morning." },
                { mediaId: second.id, caption },
              ],
            },
          },
        ],
      },
    });
    const response = await call(editor, "POST", `/articles/${id}/publish`);
    expect(response.statusCode).toBe(409);
    expect(response.json().findings).toEqual([
      { rule: "photo_location", text: `Image ${first.id}`, why: expect.stringContaining("stripped") },
      { rule: "photo_location", text: caption, why: expect.stringContaining("7 Franko Street") },
    ]);
  });

  it("reads the library's caption of a photo the story shows without a caption of its own", async () => {
    await turnOn();
    const editor = await t.signInAs("editor");
    const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#555" } })
      .png()
      .toBuffer();
    const library = "Rescuers at 12 Pushkin Street after the strike.";
    const photo = await t.services.media.importImage(png, { alt: "Rescuers at work", caption: library });
    const lead = await t.services.media.importImage(png, { alt: "A yard", caption: "The yard at 3 Lysenko Street." });
    const own = await t.services.media.importImage(png, { alt: "A street", caption: "Seen from 8 Franko Street." });
    const id = await story(editor, "Neighbours cleared the yard together.", {
      title: "Neighbours help",
      leadImage: { mediaId: lead.id, caption: null, credit: null, alt: null },
      body: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Neighbours cleared the yard together." }] },
          { type: "image", attrs: { mediaId: photo.id } },
          // A caption of its own replaces the library's, so only that one is read.
          { type: "image", attrs: { mediaId: own.id, caption: "A quiet street." } },
        ],
      },
    });
    const response = await call(editor, "POST", `/articles/${id}/publish`);
    expect(response.statusCode).toBe(409);
    expect(response.json().findings).toEqual([
      { rule: "photo_location", text: "The yard at 3 Lysenko Street.", why: expect.stringContaining("Lysenko") },
      { rule: "photo_location", text: library, why: expect.stringContaining("12 Pushkin Street") },
    ]);
  });

  it("asks again when the story gains a finding after it was acknowledged and approved", async () => {
    await turnOn();
    const author = await t.signInAs("author");
    const first = await t.signInAs("editor");
    const second = await t.signInAs("editor");
    const id = await story(author);
    await call(first, "POST", `/articles/${id}/findings/ack`, {
      rules: ["precise_place_after_strike"],
      reason: "Official.",
    });
    expect((await call(second, "POST", `/articles/${id}/approve`)).statusCode).toBe(200);
    const { version } = (await call(author, "GET", `/articles/${id}`)).json();
    const edited = await call(author, "PATCH", `/articles/${id}`, {
      version,
      body: paragraphs(`${STRIKE} Another rocket hit the Azot Chemical Plant.`),
    });
    expect(edited.statusCode).toBe(200);
    const again = await call(first, "POST", `/articles/${id}/publish`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: "publication_check",
      findings: [{ rule: "precise_place_after_strike", text: "Azot Chemical Plant" }],
    });
  });

  describe("on a live blog", () => {
    const liveBlog = (by: Browser) =>
      story(by, "Live coverage of the night in the city.", { title: "Live: the night in Kharkiv", kind: "live" });

    it("stops an entry that names a street soon after a strike until its finding is dismissed with a reason", async () => {
      await turnOn();
      const editor = await t.signInAs("editor");
      const id = await liveBlog(editor);
      expect((await call(editor, "POST", `/articles/${id}/publish`)).statusCode).toBe(200);
      const entry = { headline: "Strike", body: paragraphs(STRIKE) };

      const refused = await call(editor, "POST", `/articles/${id}/live/entries`, entry);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        code: "publication_check",
        findings: [{ rule: "precise_place_after_strike", text: "14 Shevchenko Street" }],
      });
      expect((await call(editor, "GET", `/articles/${id}/live/entries`)).json().items).toEqual([]);

      const ack = await call(editor, "POST", `/articles/${id}/findings/ack`, {
        rules: ["precise_place_after_strike"],
        reason: "The city council named the building itself an hour ago.",
        entry,
      });
      expect(ack.statusCode).toBe(200);
      const posted = await call(editor, "POST", `/articles/${id}/live/entries`, entry);
      expect(posted.statusCode).toBe(201);

      // The blog now carries the finding: another editor approves it, as for any flagged story.
      const status = (await call(editor, "GET", `/articles/${id}/findings`)).json();
      expect(status).toMatchObject({
        findings: [{ rule: "precise_place_after_strike", text: "14 Shevchenko Street" }],
        unacknowledged: [],
        needsApproval: true,
      });
    });

    it("stops an edit that adds a street to a posted entry, and lets a plain one through", async () => {
      await turnOn();
      const editor = await t.signInAs("editor");
      const id = await liveBlog(editor);
      await call(editor, "POST", `/articles/${id}/publish`);
      const posted = await call(editor, "POST", `/articles/${id}/live/entries`, {
        body: paragraphs("Explosions were heard in the city."),
      });
      expect(posted.statusCode).toBe(201);
      const path = `/articles/${id}/live/entries/${posted.json().id}`;

      const refused = await call(editor, "PATCH", path, { body: paragraphs(STRIKE) });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe("publication_check");
      const entry = (await call(editor, "GET", `/articles/${id}/live/entries`)).json().items[0];
      expect(JSON.stringify(entry.body)).not.toContain("Shevchenko");

      expect((await call(editor, "PATCH", path, { pinned: true })).statusCode).toBe(200);
      expect((await call(editor, "PATCH", path, { headline: "Explosions in the city" })).statusCode).toBe(200);
    });

    it("checks a draft blog's entries when the blog is published", async () => {
      await turnOn();
      const editor = await t.signInAs("editor");
      const id = await liveBlog(editor);
      expect(
        (await call(editor, "POST", `/articles/${id}/live/entries`, { body: paragraphs(STRIKE) })).statusCode,
      ).toBe(201);
      const refused = await call(editor, "POST", `/articles/${id}/publish`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        code: "publication_check",
        findings: [{ rule: "precise_place_after_strike", text: "14 Shevchenko Street" }],
      });
    });

    it("lets every entry through while the edition's check is off", async () => {
      const editor = await t.signInAs("editor");
      const id = await liveBlog(editor);
      await call(editor, "POST", `/articles/${id}/publish`);
      expect(
        (await call(editor, "POST", `/articles/${id}/live/entries`, { body: paragraphs(STRIKE) })).statusCode,
      ).toBe(201);
    });
  });
});
