import { formatMoney } from "../../../src/revenue/amounts.shared.js";
import type { Contribution, RevenueSummary, RevenueTotal } from "../../../src/revenue/revenue-reports.shared.js";
import { api } from "../api.js";
import { type Column, DataTable } from "../data-table.js";
import { canAdminister } from "../permissions.js";
import { useSession } from "../session.js";
import { ErrorMessage, formatDateTime, Loading, PageHeader, useAsync } from "../ui.js";

interface StripeStatus {
  checkout: boolean;
  webhooks: boolean;
  missing: string[];
  mode: "test" | "live" | null;
  apiBase: string | null;
  webhookUrl: string;
}

type Total = RevenueTotal;
type Summary = RevenueSummary;

const money = (minor: number, currency: string) => formatMoney(minor, currency, "en");

function StripeStatusPanel() {
  const status = useAsync(() => api.get<StripeStatus>("/revenue/status"), []);
  return (
    <section class="panel" aria-labelledby="stripe-status-heading">
      <h2 id="stripe-status-heading">Stripe</h2>
      <ErrorMessage error={status.error} />
      {status.data &&
        (status.data.missing.length === 0 ? (
          <p>
            Card payments and webhooks are set up ({status.data.mode === "live" ? "live mode" : "test mode"}
            {status.data.apiBase ? `, API calls go to ${status.data.apiBase}` : ""}). Stripe must send events to{" "}
            <code>{status.data.webhookUrl}</code>.
          </p>
        ) : (
          <div role="alert">
            <p>
              {status.data.checkout
                ? "Readers can pay, but payments are not recorded: webhooks need a signing secret."
                : "Card payments are off. The support page shows only the other ways to give."}
            </p>
            <p>
              Missing:{" "}
              {status.data.missing.map((name) => (
                <code key={name}>{name} </code>
              ))}
              — an admin can type {status.data.missing.length > 1 ? "them" : "it"} in Revenue settings (no restart
              needed), or set {status.data.missing.length > 1 ? "them" : "it"} in the server's environment. The webhook
              endpoint to register in Stripe is <code>{status.data.webhookUrl}</code>.
            </p>
          </div>
        ))}
    </section>
  );
}

const TOTAL_COLUMNS: Column<Total>[] = [
  { header: "Period", cell: (row) => row.period },
  { header: "Currency", cell: (row) => row.currency },
  { header: "Gifts", cell: (row) => row.count },
  { header: "Total", cell: (row) => money(row.total, row.currency) },
  { header: "Refunded", cell: (row) => (row.refunded ? money(row.refunded, row.currency) : "—") },
];

function TotalsTable({ caption, rows }: { caption: string; rows: Total[] }) {
  return (
    <DataTable
      what={caption}
      caption={caption}
      columns={TOTAL_COLUMNS}
      rows={rows}
      rowKey={(row) => `${row.period}-${row.currency}`}
      empty={`${caption}: nothing yet.`}
    />
  );
}

const CONTRIBUTION_COLUMNS: Column<Contribution>[] = [
  { header: "Date", cell: (row) => formatDateTime(row.paidAt) },
  {
    header: "Supporter",
    cell: (row) => (row.supporter ? `${row.supporter.name ?? ""} <${row.supporter.email}>` : "—"),
  },
  { header: "Kind", cell: (row) => (row.kind === "recurring" ? "Patron payment" : "One-time") },
  { header: "Amount", cell: (row) => money(row.amount, row.currency) },
  {
    header: "Status",
    cell: (row) =>
      row.status === "paid"
        ? "Paid"
        : `${row.status === "refunded" ? "Refunded" : "Partly refunded"} (${money(row.refundedAmount, row.currency)})`,
  },
];

function ContributionsTable({ caption, rows }: { caption: string; rows: Contribution[] }) {
  return (
    <DataTable
      what={caption}
      caption={caption}
      columns={CONTRIBUTION_COLUMNS}
      rows={rows}
      rowKey={(row) => row.id}
      empty={`${caption}: none yet.`}
    />
  );
}

/** Money from readers: totals by day and month, patrons and their monthly revenue, latest gifts, refunds. */
export function RevenueScreen() {
  const summary = useAsync(() => api.get<Summary>("/revenue/summary"), []);
  const session = useSession();
  const admin = canAdminister(session.staff.role);
  return (
    <>
      <PageHeader title="Revenue">
        {admin && <a href="/admin/revenue/supporters">Supporters</a>}
        {admin && <a href="/admin/revenue/settings">Revenue settings</a>}
      </PageHeader>
      <StripeStatusPanel />
      <ErrorMessage error={summary.error} />
      {summary.loading && <Loading what="revenue" />}
      {summary.data && (
        <>
          <section class="panel" aria-labelledby="patrons-heading">
            <h2 id="patrons-heading">Patrons</h2>
            <p>
              {summary.data.patrons.active} active {summary.data.patrons.active === 1 ? "patron" : "patrons"}
              {summary.data.patrons.monthlyRecurring.length > 0 &&
                `; monthly recurring revenue ${summary.data.patrons.monthlyRecurring
                  .map((item) => money(item.amount, item.currency))
                  .join(" + ")}`}
              .
            </p>
          </section>
          <section class="panel" aria-labelledby="totals-heading">
            <h2 id="totals-heading">Totals</h2>
            <TotalsTable caption="Last 30 days, by day" rows={summary.data.byDay} />
            <TotalsTable caption="Last 12 months, by month" rows={summary.data.byMonth} />
          </section>
          <section class="panel" aria-labelledby="latest-heading">
            <h2 id="latest-heading">Latest contributions</h2>
            <ContributionsTable caption="The 20 newest" rows={summary.data.latest} />
            <ContributionsTable caption="Refunds" rows={summary.data.refunds} />
          </section>
        </>
      )}
    </>
  );
}
