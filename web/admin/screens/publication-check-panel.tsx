/**
 * The publish dialog's publication check panel (issue #20): the findings that stopped a story, each
 * with why; acknowledging them with a reason; and the "waiting for a second editor" state with an
 * Approve button (the server decides who may approve: not the writer, not whoever acknowledged).
 * A live blog's entry only asks for the acknowledgement: once given, the entry is posted.
 */
import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import { Dialog, ErrorMessage, TextArea, useAction } from "../ui.js";

export interface CheckFinding {
  rule: string;
  text: string;
  why: string;
}

/** A refusal of the publish route that this panel handles, or null for any other error. */
export interface CheckRefusal {
  code: "publication_check" | "second_approval_required";
  findings: CheckFinding[];
}

export function checkRefusalOf(error: unknown): CheckRefusal | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  if (error.code !== "publication_check" && error.code !== "second_approval_required") return null;
  const findings = Array.isArray(error.body?.findings) ? (error.body.findings as CheckFinding[]) : [];
  return { code: error.code, findings };
}

const RULE_NAMES: Record<string, string> = {
  precise_place_after_strike: "Precise place soon after a strike",
  air_defence_near_place: "Air defence or units next to a place",
  photo_location: "Where a photo was taken",
};

const REASON_LABELS = {
  publish: "Why is it safe to publish?",
  update: "Why is it safe to make these changes live?",
  entry: "Why is it safe to post this entry?",
};

interface CheckStatus {
  unacknowledged: CheckFinding[];
  needsApproval: boolean;
}

export function PublicationCheckDialog({
  articleId,
  refusal,
  step = "publish",
  entry,
  onClose,
  onPublish,
}: {
  articleId: number;
  refusal: CheckRefusal | null;
  /**
   * What the check stopped: publishing the story, making a live story's edits live ("Update"), or
   * posting (or saving) a live blog's entry.
   */
  step?: "publish" | "update" | "entry";
  /** The entry the check stopped (step "entry"): its findings are the ones acknowledged. */
  entry?: { headline: string | null; body: unknown };
  onClose: () => void;
  /** Tries the step again (the server checks again). */
  onPublish: () => void;
}) {
  const [reason, setReason] = useState("");
  const [status, setStatus] = useState<CheckStatus | null>(null);
  const action = useAction();
  const waiting = status
    ? status.unacknowledged.length === 0 && status.needsApproval
    : refusal?.code === "second_approval_required";
  const cleared = status !== null && status.unacknowledged.length === 0 && !status.needsApproval;
  const findings = refusal?.findings ?? [];

  const acknowledge = () =>
    void action.run(async () => {
      const rules = [...new Set(findings.map((finding) => finding.rule))];
      const acknowledged = await api.post<CheckStatus>(`/articles/${articleId}/findings/ack`, {
        rules,
        reason,
        ...(entry ? { entry } : {}),
      });
      setReason("");
      // An entry needs no second editor: it goes out as soon as its findings are dismissed.
      if (step === "entry") onPublish();
      else setStatus(acknowledged);
    });
  const approve = () =>
    void action.run(async () => setStatus(await api.post<CheckStatus>(`/articles/${articleId}/approve`)));

  return (
    <Dialog open={refusal !== null} title="Publication check" onClose={onClose} wide>
      <p>
        The check is a helper: it found details that could help the enemy aim. Change the{" "}
        {step === "entry" ? "entry" : "story"}, or dismiss each finding with a reason (it is logged).
      </p>
      <ul class="publication-check__findings">
        {findings.map((finding) => (
          <li key={`${finding.rule}:${finding.text}`}>
            <strong>{RULE_NAMES[finding.rule] ?? finding.rule}:</strong> “{finding.text}”
            <br />
            <span class="field__hint">{finding.why}</span>
          </li>
        ))}
      </ul>
      <ErrorMessage error={action.error} />
      {refusal?.code === "publication_check" && status === null && (
        <>
          <TextArea label={REASON_LABELS[step]} value={reason} onValue={setReason} rows={3} />
          <div class="form__actions">
            <button
              type="button"
              class="button button--primary"
              disabled={action.busy || !reason.trim()}
              onClick={acknowledge}
            >
              Acknowledge
            </button>
            <button type="button" class="button" onClick={onClose}>
              Go back
            </button>
          </div>
        </>
      )}
      {waiting && (
        <div class="form__actions">
          <p role="status">Waiting for a second editor to approve this story.</p>
          <button type="button" class="button button--primary" disabled={action.busy} onClick={approve}>
            Approve
          </button>
          <button type="button" class="button" onClick={onClose}>
            Close
          </button>
        </div>
      )}
      {cleared && (
        <div class="form__actions">
          <p role="status">Approved by a second editor.</p>
          <button type="button" class="button button--primary" onClick={onPublish}>
            {step === "update" ? "Update" : "Publish"}
          </button>
        </div>
      )}
    </Dialog>
  );
}
