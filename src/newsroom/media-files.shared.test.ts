import { describe, expect, it } from "vitest";
import { mp3Clip, pdfDocument } from "../../test/media-fixtures.js";
import { formatBytes, formatDuration, sniffFileMime, transcriptParagraphs } from "./media-files.shared.js";
import { countPdfPages, previewPdf } from "./pdf-preview.js";

describe("sniffing uploads by their bytes", () => {
  it("knows MP3 (bare frames or an ID3 tag), Ogg, M4A and PDF by their first bytes", () => {
    expect(sniffFileMime(mp3Clip(2))).toBe("audio/mpeg");
    expect(sniffFileMime(Buffer.concat([Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00"), mp3Clip(1)]))).toBe(
      "audio/mpeg",
    );
    expect(sniffFileMime(Buffer.from("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00"))).toBe("audio/ogg");
    expect(sniffFileMime(Buffer.from("\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", "latin1"))).toBe("audio/mp4");
    expect(sniffFileMime(pdfDocument(1))).toBe("application/pdf");
  });

  it("refuses HTML, an MP4 video brand, AAC ADTS frames and files too short to judge", () => {
    expect(sniffFileMime(Buffer.from("<html><script>alert(1)</script></html>"))).toBeUndefined();
    expect(sniffFileMime(Buffer.from("\x00\x00\x00\x20ftypqt  \x00\x00\x00\x00", "latin1"))).toBeUndefined();
    expect(sniffFileMime(Buffer.from([0xff, 0xf1, 0x50, 0x80, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeUndefined();
    expect(sniffFileMime(Buffer.from("%PDF"))).toBeUndefined();
  });
});

describe("labels of clips and documents", () => {
  it("writes durations as m:ss or h:mm:ss and sizes in KB or MB", () => {
    expect(formatDuration(187_400)).toBe("3:07");
    expect(formatDuration(3_727_000)).toBe("1:02:07");
    expect(formatBytes(860_000)).toBe("840 KB");
    expect(formatBytes(13_002_342)).toBe("12.4 MB");
  });

  it("splits a transcript into paragraphs at blank lines", () => {
    expect(transcriptParagraphs("Host: Hello.\nGuest: Hi.\n\n  \n\nHost: Bye.  ")).toEqual([
      "Host: Hello.\nGuest: Hi.",
      "Host: Bye.",
    ]);
    expect(transcriptParagraphs(null)).toEqual([]);
  });
});

describe("PDF previews", () => {
  it("counts pages and draws the first one 640 px wide with Poppler", async () => {
    const preview = await previewPdf(pdfDocument(3));
    expect(preview.pageCount).toBe(3);
    expect(preview.firstPage?.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it("still counts pages, with no thumbnail, when Poppler is not installed", async () => {
    const preview = await previewPdf(pdfDocument(2), { pdfinfo: "no-such-pdfinfo", pdftoppm: "no-such-pdftoppm" });
    expect(preview).toEqual({ pageCount: 2, firstPage: undefined });
    expect(countPdfPages(Buffer.from("%PDF-1.4 no pages here"))).toBeNull();
  });
});
