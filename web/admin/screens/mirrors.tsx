import { useState } from "preact/hooks";
import type { MirrorDto, MirrorsOverview } from "../../../src/distribution/mirrors.schemas.js";
import { api } from "../api.js";
import { type Column, DataTable } from "../data-table.js";
import {
  ConfirmRevoke,
  ErrorMessage,
  formatDateTime,
  PageHeader,
  SelectField,
  SubmitButton,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";

const ALL = "all";

const servesLabel = (edition: string) => (edition === ALL ? "The whole site" : `Edition ${edition}`);

function MirrorRow({ mirror, onRemoved }: { mirror: MirrorDto; onRemoved: () => void }) {
  const { busy, error, run } = useAction();
  const remove = async () => {
    if (mirror.id === null) return;
    const id = mirror.id;
    if (await run(() => api.delete<MirrorDto>(`/mirrors/${id}`))) onRemoved();
  };
  return (
    <tr>
      <td class="mono">{mirror.host}</td>
      <td>{servesLabel(mirror.edition)}</td>
      <td class="nowrap">{mirror.createdAt ? formatDateTime(mirror.createdAt) : "—"}</td>
      <td>
        {mirror.source === "app" ? (
          <ConfirmRevoke verb="Remove" name={mirror.host} busy={busy} onRevoke={() => void remove()} />
        ) : (
          <span class="muted">From the MIRROR_HOSTS setting</span>
        )}
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

const MIRROR_COLUMNS: readonly Column<MirrorDto>[] = [
  { header: "Host" },
  { header: "Serves" },
  { header: "Added" },
  { header: "Actions", hiddenHeader: true },
];

/** The key that signs /mirrors.json, for the people who build apps and newsletters that check it. */
function SigningKeyPanel({ overview }: { overview: MirrorsOverview }) {
  return (
    <section class="panel" aria-labelledby="mirror-key-heading">
      <h2 id="mirror-key-heading">Signed mirror list</h2>
      <p>
        <a href="/mirrors.json">/mirrors.json</a> lists the site, its mirrors and the onion address;{" "}
        <a href="/mirrors.json.sig">/mirrors.json.sig</a> is its Ed25519 signature (base64). Apps that pin the key below
        can trust a copy of the list whichever host or cache it came from. The README shows how to check it.
      </p>
      <p>
        Public key (base64): <code class="mono">{overview.publicKey}</code>
      </p>
      <pre class="mono">{overview.publicKeyPem}</pre>
    </section>
  );
}

/** Hosts that serve the site when its own is blocked: added here, they serve at once. */
export function MirrorsScreen() {
  const overview = useAsync(() => api.get<MirrorsOverview>("/mirrors"), []);
  const [host, setHost] = useState("");
  const [edition, setEdition] = useState(ALL);
  const add = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await add.run(() => api.post<MirrorDto>("/mirrors", { host: host.trim(), edition }))) {
      setHost("");
      overview.reload();
    }
  };
  const data = overview.data;
  return (
    <>
      <PageHeader title="Mirrors" />
      <p>
        A mirror is another domain that serves this site, for readers who cannot reach{" "}
        <span class="mono">{data ? new URL(data.primary).host : "the site"}</span>. Point the domain (or a proxy on it)
        at this server, then add it here: its pages link to the mirror itself, so readers stay on a host that works for
        them, while search engines keep seeing the site's own address.
      </p>
      {data && (
        <p>
          {data.onionHost ? (
            <>
              Onion address: <code class="mono">http://{data.onionHost}/</code> (the ONION_HOST setting).
            </>
          ) : (
            <>No onion address: set ONION_HOST once a Tor hidden service points at this server.</>
          )}
        </p>
      )}
      <section class="panel" aria-labelledby="mirror-add-heading">
        <h2 id="mirror-add-heading">Add a mirror</h2>
        <form class="form form--row" onSubmit={submit}>
          <ErrorMessage error={add.error} />
          <TextField
            label="Host"
            hint="A bare name, e.g. mirror1.example"
            required
            maxLength={260}
            value={host}
            onValue={setHost}
          />
          <SelectField
            label="Serves"
            value={edition}
            onValue={setEdition}
            options={[
              { value: ALL, label: "The whole site" },
              ...(data?.editions ?? []).map((code) => ({ value: code, label: `Edition ${code}` })),
            ]}
          />
          <SubmitButton busy={add.busy}>Add</SubmitButton>
        </form>
      </section>
      <DataTable
        what="mirrors"
        caption="Mirror hosts"
        hiddenCaption
        columns={MIRROR_COLUMNS}
        rows={data?.items}
        rowKey={(mirror) => mirror.host}
        renderRow={(mirror) => <MirrorRow mirror={mirror} onRemoved={overview.reload} />}
        empty="No mirrors yet."
        loading={overview.loading}
        error={overview.error}
      />
      {data && <SigningKeyPanel overview={data} />}
    </>
  );
}
