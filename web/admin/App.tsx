/** The newsroom app: finds the session, then shows the screen of the address. */
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { canReadAnalytics } from "../../src/analytics/analytics.policy.js";
import { canApiKeys } from "../../src/api/api-keys.policy.js";
import { canAudit } from "../../src/audit/audit.policy.js";
import { canMirrors } from "../../src/distribution/mirrors.policy.js";
import { canImport } from "../../src/imports/imports.policy.js";
import { canNewsletter } from "../../src/newsletters/newsletters.policy.js";
import { canCrisisMode } from "../../src/newsroom/crisis-mode.policy.js";
import { canPlan } from "../../src/planning/planning.policy.js";
import { canPush } from "../../src/push/push.policy.js";
import { canTelegram } from "../../src/telegram/telegram.policy.js";
import { canWebhook } from "../../src/webhooks/webhooks.policy.js";
import { ApiError, api, onTwoFactorSetupRequired, onUnauthorized, setCsrfToken } from "./api.js";
import { canAdminister, canArticle, canManageNewsroom } from "./permissions.js";
import { ReviewNavLabel } from "./review-count.js";
import { navigate, PUBLIC_ROUTES, parseRoute, type Route, useLocation } from "./router.js";
import { AccountScreen, TwoFactorRequiredScreen } from "./screens/account.js";
import { ApiKeysScreen } from "./screens/api-keys.js";
import { ArticleEditorScreen } from "./screens/article-editor.js";
import { ArticlesScreen } from "./screens/articles.js";
import { ArticleStatsScreen, AudienceNowScreen, AudienceReportsScreen } from "./screens/audience.js";
import { AuditScreen } from "./screens/audit.js";
import {
  AcceptInvitationScreen,
  ForgotPasswordScreen,
  ResetPasswordScreen,
  SetupScreen,
  SignInScreen,
} from "./screens/auth.js";
import { CrisisModeScreen } from "./screens/crisis-mode.js";
import { DashboardScreen } from "./screens/dashboard.js";
import { ImportsScreen } from "./screens/imports.js";
import { BannerScreen } from "./screens/live-coverage.js";
import { LiveDeskScreen } from "./screens/live-desk.js";
import { MapScreen } from "./screens/map.js";
import { MapsScreen } from "./screens/maps.js";
import { MediaScreen } from "./screens/media.js";
import { MirrorsScreen } from "./screens/mirrors.js";
import { NewArticleScreen } from "./screens/new-article.js";
import { NewsletterIssueScreen } from "./screens/newsletter-issue.js";
import { NewsletterListScreen } from "./screens/newsletter-list.js";
import { NewslettersScreen } from "./screens/newsletters.js";
import { OutboxScreen } from "./screens/outbox.js";
import { MyAssignmentsScreen, PlanningScreen } from "./screens/planning.js";
import { PublicationCheckSettingsScreen } from "./screens/publication-check-settings.js";
import { PushScreen } from "./screens/push.js";
import { RedirectsScreen } from "./screens/redirects.js";
import { RevenueScreen } from "./screens/revenue.js";
import { RevenueSettingsScreen } from "./screens/revenue-settings.js";
import { SettingsScreen } from "./screens/settings.js";
import { StaffScreen } from "./screens/staff.js";
import { SupportersScreen } from "./screens/supporters.js";
import { TaxonomyScreen } from "./screens/taxonomy.js";
import { TelegramScreen } from "./screens/telegram.js";
import { TokensScreen } from "./screens/tokens.js";
import { WebhooksScreen } from "./screens/webhooks.js";
import { SessionContext, type SessionValue } from "./session.js";
import type { Edition, SignedIn, Staff } from "./types.js";
import { ErrorMessage, Loading, PageHeader } from "./ui.js";

type SessionState =
  | { kind: "loading" }
  | { kind: "anonymous" }
  | { kind: "signedIn"; staff: Staff; twoFactorSetupRequired: boolean }
  | { kind: "error"; error: unknown };

interface NavItem {
  href: string;
  label: string;
  /** Rendered instead of `label` (a live count). */
  render?: () => preact.ComponentChildren;
  active: (route: Route) => boolean;
  show: (staff: Staff) => boolean;
}

const NAV: NavItem[] = [
  { href: "/admin", label: "Dashboard", active: (r) => r.name === "dashboard", show: () => true },
  {
    href: "/admin/articles",
    label: "Articles",
    active: (r) => r.name === "articles" || r.name === "article" || r.name === "newArticle" || r.name === "liveDesk",
    show: () => true,
  },
  {
    href: "/admin/articles?status=in_review",
    label: "Review",
    render: () => <ReviewNavLabel />,
    active: () => false,
    show: (s) => canArticle(s.role, "return"),
  },
  {
    href: "/admin/audience",
    label: "Audience",
    active: (r) => r.name === "audience" || r.name === "audienceReports" || r.name === "articleStats",
    show: (s) => canReadAnalytics(s, "view"),
  },
  {
    href: "/admin/planning",
    label: "Planning",
    active: (r) => r.name === "planning",
    show: (s) => canPlan({ role: s.role, staffId: s.id }, "viewBudget"),
  },
  {
    href: "/admin/planning/mine",
    label: "My assignments",
    active: (r) => r.name === "myAssignments",
    show: () => true,
  },
  { href: "/admin/media", label: "Media", active: (r) => r.name === "media", show: () => true },
  {
    href: "/admin/sections",
    label: "Sections",
    active: (r) => r.name === "taxonomy" && r.kind === "sections",
    show: (s) => canManageNewsroom(s.role),
  },
  {
    href: "/admin/tags",
    label: "Tags",
    active: (r) => r.name === "taxonomy" && r.kind === "tags",
    show: (s) => canManageNewsroom(s.role),
  },
  {
    href: "/admin/people",
    label: "People",
    active: (r) => r.name === "taxonomy" && r.kind === "people",
    show: (s) => canManageNewsroom(s.role),
  },
  { href: "/admin/maps", label: "Maps", active: (r) => r.name === "maps" || r.name === "map", show: () => true },
  {
    href: "/admin/banner",
    label: "Breaking banner",
    active: (r) => r.name === "banner",
    show: (s) => canManageNewsroom(s.role),
  },
  {
    href: "/admin/crisis",
    label: "Crisis mode",
    active: (r) => r.name === "crisis",
    show: (s) => canCrisisMode(s.role, "viewCrisisMode"),
  },
  {
    href: "/admin/settings",
    label: "Settings",
    active: (r) => r.name === "settings",
    show: (s) => canManageNewsroom(s.role),
  },
  {
    href: "/admin/settings/publication-check",
    label: "Publication check",
    active: (r) => r.name === "publicationCheck",
    show: (s) => s.role === "owner",
  },
  { href: "/admin/staff", label: "Staff", active: (r) => r.name === "staff", show: (s) => canAdminister(s.role) },
  {
    href: "/admin/tokens",
    label: "Integration tokens",
    active: (r) => r.name === "tokens",
    show: (s) => canAdminister(s.role),
  },
  {
    href: "/admin/api-keys",
    label: "Content API keys",
    active: (r) => r.name === "apiKeys",
    show: (s) => canApiKeys(s.role, "viewKeys"),
  },
  {
    href: "/admin/audit",
    label: "Audit log",
    active: (r) => r.name === "audit",
    show: (s) => canAudit(s, "view"),
  },
  {
    href: "/admin/mirrors",
    label: "Mirrors",
    active: (r) => r.name === "mirrors",
    show: (s) => canMirrors(s.role, "viewMirrors"),
  },
  {
    href: "/admin/newsletters",
    label: "Newsletters",
    active: (r) => r.name === "newsletters" || r.name === "newsletterList" || r.name === "newsletterIssue",
    show: (s) => canNewsletter(s.role, "viewLists"),
  },
  { href: "/admin/push", label: "Push alerts", active: (r) => r.name === "push", show: (s) => canPush(s, "viewPush") },
  { href: "/admin/outbox", label: "Outbox", active: (r) => r.name === "outbox", show: (s) => canAdminister(s.role) },
  {
    href: "/admin/webhooks",
    label: "Webhooks",
    active: (r) => r.name === "webhooks",
    show: (s) => canWebhook(s.role, "viewWebhooks"),
  },
  {
    href: "/admin/revenue",
    label: "Revenue",
    active: (r) => r.name === "revenue" || r.name === "supporters" || r.name === "revenueSettings",
    show: (s) => canManageNewsroom(s.role),
  },
  {
    href: "/admin/telegram",
    label: "Telegram",
    active: (r) => r.name === "telegram",
    show: (s) => canTelegram(s.role, "viewChannel"),
  },
  {
    href: "/admin/imports",
    label: "Imports",
    active: (r) => r.name === "imports",
    show: (s) => canImport(s, "viewImports"),
  },
  {
    href: "/admin/redirects",
    label: "Redirects",
    active: (r) => r.name === "redirects",
    show: (s) => canImport(s, "manageRedirects"),
  },
  { href: "/admin/account", label: "My account", active: (r) => r.name === "account", show: () => true },
];

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case "dashboard":
      return <DashboardScreen />;
    case "articles":
      return <ArticlesScreen route={route} />;
    case "newArticle":
      return <NewArticleScreen edition={route.edition} />;
    case "article":
      return <ArticleEditorScreen key={route.id} id={route.id} />;
    case "liveDesk":
      return <LiveDeskScreen key={route.id} id={route.id} />;
    case "articleStats":
      return <ArticleStatsScreen key={route.id} id={route.id} />;
    case "audience":
      return <AudienceNowScreen edition={route.edition} />;
    case "audienceReports":
      return <AudienceReportsScreen edition={route.edition} days={route.days} />;
    case "media":
      return <MediaScreen />;
    case "maps":
      return <MapsScreen />;
    case "map":
      return <MapScreen key={route.id} id={route.id} />;
    case "taxonomy":
      return <TaxonomyScreen key={route.kind} kind={route.kind} />;
    case "settings":
      return <SettingsScreen edition={route.edition} />;
    case "publicationCheck":
      return <PublicationCheckSettingsScreen />;
    case "banner":
      return <BannerScreen edition={route.edition} />;
    case "crisis":
      return <CrisisModeScreen />;
    case "staff":
      return <StaffScreen />;
    case "tokens":
      return <TokensScreen />;
    case "apiKeys":
      return <ApiKeysScreen />;
    case "mirrors":
      return <MirrorsScreen />;
    case "outbox":
      return <OutboxScreen />;
    case "push":
      return <PushScreen />;
    case "planning":
      return <PlanningScreen route={route} />;
    case "myAssignments":
      return <MyAssignmentsScreen />;
    case "webhooks":
      return <WebhooksScreen />;
    case "revenue":
      return <RevenueScreen />;
    case "supporters":
      return <SupportersScreen />;
    case "audit":
      return <AuditScreen />;
    case "revenueSettings":
      return <RevenueSettingsScreen />;
    case "newsletters":
      return <NewslettersScreen />;
    case "newsletterList":
      return <NewsletterListScreen key={route.id} id={route.id} />;
    case "newsletterIssue":
      return <NewsletterIssueScreen key={route.id} id={route.id} />;
    case "account":
      return <AccountScreen />;
    case "telegram":
      return <TelegramScreen />;
    case "imports":
      return <ImportsScreen run={route.run} />;
    case "redirects":
      return <RedirectsScreen />;
    default:
      return (
        <>
          <PageHeader title="Page not found" />
          <p>
            There is no screen at this address. Go to the <a href="/admin">dashboard</a>.
          </p>
        </>
      );
  }
}

function Shell({ route, session }: { route: Route; session: SessionValue }) {
  const { staff } = session;
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="topbar">
        <a class="brand" href="/admin">
          Gazette newsroom
        </a>
        <div class="topbar__who">
          <span>
            {staff.name} <span class="role">({staff.role})</span>
          </span>
          <button type="button" class="button button--quiet" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <nav class="sidebar" aria-label="Newsroom">
        <ul>
          {NAV.filter((item) => item.show(staff)).map((item) => (
            <li key={item.href}>
              <a href={item.href} aria-current={item.active(route) ? "page" : undefined}>
                {item.render ? item.render() : item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="content" tabIndex={-1}>
        <Screen route={route} />
      </main>
    </div>
  );
}

export function App({ editions }: { editions: Edition[] }) {
  const location = useLocation();
  const route = useMemo(() => parseRoute(location.pathname, location.search), [location.pathname, location.search]);
  const [state, setState] = useState<SessionState>({ kind: "loading" });

  const signedIn = useCallback((value: SignedIn) => {
    setCsrfToken(value.csrfToken);
    setState({ kind: "signedIn", staff: value.staff, twoFactorSetupRequired: value.twoFactorSetupRequired === true });
  }, []);

  const loadSession = useCallback(async () => {
    try {
      signedIn(await api.get<SignedIn>("/auth/session"));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        setState({ kind: "anonymous" });
      } else setState({ kind: "error", error });
    }
  }, [signedIn]);

  useEffect(() => {
    void loadSession();
    const stopSetup = onTwoFactorSetupRequired(() => void loadSession());
    const stop = onUnauthorized(() => {
      setCsrfToken(null);
      setState({ kind: "anonymous" });
    });
    return () => {
      stop();
      stopSetup();
    };
  }, [loadSession]);

  const signOut = useCallback(async () => {
    try {
      await api.post("/auth/logout");
    } finally {
      setCsrfToken(null);
      setState({ kind: "anonymous" });
      navigate("/admin/sign-in");
    }
  }, []);

  const session = useMemo<SessionValue | null>(
    () => (state.kind === "signedIn" ? { staff: state.staff, editions, signedIn, signOut } : null),
    [state, editions, signedIn, signOut],
  );

  // One-time links work whether or not someone is signed in on this browser.
  if (route.name === "setup") return <SetupScreen hash={location.hash} onSignedIn={signedIn} />;
  if (route.name === "acceptInvitation") return <AcceptInvitationScreen hash={location.hash} onSignedIn={signedIn} />;
  if (route.name === "resetPassword") return <ResetPasswordScreen hash={location.hash} />;
  if (route.name === "forgotPassword") return <ForgotPasswordScreen />;

  if (state.kind === "loading") {
    return (
      <main id="main" class="auth">
        <Loading what="the newsroom" />
      </main>
    );
  }
  if (state.kind === "error") {
    return (
      <main id="main" class="auth">
        <div class="auth__card">
          <h1>The newsroom could not start</h1>
          <ErrorMessage error={state.error}>
            <button type="button" class="button" onClick={() => void loadSession()}>
              Try again
            </button>
          </ErrorMessage>
        </div>
      </main>
    );
  }
  if (!session) {
    return (
      <SignInScreen
        onSignedIn={(value) => {
          signedIn(value);
          if (route.name === "signIn") navigate("/admin", { replace: true });
        }}
      />
    );
  }
  if (PUBLIC_ROUTES.has(route.name)) {
    // Signed in already: the sign-in address leads to the dashboard.
    queueMicrotask(() => navigate("/admin", { replace: true }));
    return null;
  }
  if (state.kind === "signedIn" && state.twoFactorSetupRequired) {
    return (
      <SessionContext.Provider value={session}>
        <TwoFactorRequiredScreen />
      </SessionContext.Provider>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell route={route} session={session} />
    </SessionContext.Provider>
  );
}
