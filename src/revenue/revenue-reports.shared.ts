// Browser-safe: the admin app's revenue screens import these types (no server code may be imported here).

/** Gifts of one day or month in one currency, in minor units. */
export interface RevenueTotal {
  period: string;
  currency: string;
  total: number;
  refunded: number;
  count: number;
}

export interface Contribution {
  id: number;
  kind: "one_time" | "recurring";
  currency: string;
  amount: number;
  refundedAmount: number;
  status: string;
  paidAt: string;
  supporter: { email: string; name: string | null } | null;
}

export interface RevenueSummary {
  byDay: RevenueTotal[];
  byMonth: RevenueTotal[];
  patrons: { active: number; monthlyRecurring: { currency: string; amount: number }[] };
  latest: Contribution[];
  refunds: Contribution[];
}

export interface Supporter {
  id: number;
  email: string;
  name: string | null;
  language: string;
  createdAt: string;
  contributions: number;
  activeSubscriptions: number;
}
