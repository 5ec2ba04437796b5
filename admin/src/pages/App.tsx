import * as React from 'react';
import { Box, Divider, MenuItem, SimpleMenu } from '@strapi/design-system';
import { Layouts, Page, SubNav } from '@strapi/strapi/admin';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';

import { useBillingSettings } from '../hooks/useBillingSettings';
import { PermissionsProvider, usePermissions } from '../hooks/usePermissions';
import type { AdminActionUid } from '../permissions';
import { BASE_PATH } from '../pluginId';
import { useT, type TranslationKey } from '../utils/translations';
import { AccountDetailPage } from './Accounts/AccountDetail';
import { AccountsPage } from './Accounts';
import { CodesPage } from './Codes';
import { ConfigurationPage } from './Configuration';
import { ModelPricingPage } from './ModelPricing';
import { OrdersPage } from './Orders';
import { PaymentsPage } from './Payments';
import { PlansPage } from './Plans';
import { ToolPricingPage } from './ToolPricing';
import { UsageLogsPage } from './UsageLogs';

/** A page of the Billing section: its route (relative to BASE_PATH), the action it needs, its component. */
interface BillingPage {
  path: string;
  permission: AdminActionUid;
  Component: React.ComponentType;
}

interface NavItem extends BillingPage {
  label: TranslationKey;
}

interface NavSection {
  id: string;
  label: TranslationKey;
  items: NavItem[];
}

/** The sub-navigation, in order: one entry per page (the first the user may read opens by default). */
const NAV: NavSection[] = [
  {
    id: 'setup',
    label: 'nav.section.setup',
    items: [{ path: 'configuration', label: 'nav.configuration', permission: 'settings.read', Component: ConfigurationPage }],
  },
  {
    id: 'pricing',
    label: 'nav.section.pricing',
    items: [
      { path: 'model-pricing', label: 'nav.modelPricing', permission: 'pricing.read', Component: ModelPricingPage },
      { path: 'tool-pricing', label: 'nav.toolPricing', permission: 'pricing.read', Component: ToolPricingPage },
    ],
  },
  {
    id: 'subscriptions',
    label: 'nav.section.subscriptions',
    items: [
      { path: 'plans', label: 'nav.plans', permission: 'plans.read', Component: PlansPage },
      { path: 'codes', label: 'nav.codes', permission: 'codes.read', Component: CodesPage },
    ],
  },
  {
    id: 'payments',
    label: 'nav.section.payments',
    items: [
      { path: 'orders', label: 'nav.orders', permission: 'orders.read', Component: OrdersPage },
      { path: 'payments', label: 'nav.payments', permission: 'orders.read', Component: PaymentsPage },
    ],
  },
  {
    id: 'activity',
    label: 'nav.section.activity',
    items: [
      { path: 'usage-logs', label: 'nav.usageLogs', permission: 'logs.read', Component: UsageLogsPage },
      { path: 'accounts', label: 'nav.accounts', permission: 'accounts.read', Component: AccountsPage },
    ],
  },
];

/** Every route: the navigation's pages and the pages reached from them. */
const PAGES: BillingPage[] = [
  ...NAV.flatMap((section) => section.items),
  { path: 'accounts/:userId', permission: 'accounts.read', Component: AccountDetailPage },
];

const BillingNav = () => {
  const t = useT();
  const { can } = usePermissions();
  const sections = NAV.map((section) => ({ ...section, items: section.items.filter((item) => can[item.permission]) })).filter(
    (section) => section.items.length > 0,
  );
  return (
    <SubNav.Main aria-label={t('plugin.name')}>
      <SubNav.Header label={t('plugin.name')} />
      <Divider />
      <SubNav.Content>
        <SubNav.Sections>
          {sections.map((section) => (
            <SubNav.Section key={section.id} label={t(section.label)}>
              {section.items.map((item) => (
                <SubNav.Link key={item.path} to={`${BASE_PATH}/${item.path}`} label={t(item.label)} />
              ))}
            </SubNav.Section>
          ))}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
};

/** Below this width the sub-navigation's column leaves too little room: row actions went off-screen at 800 px. */
const NARROW_QUERY = '(max-width: 1023px)';

/** Whether the window is narrower than 1024 px, following resizes. */
const useIsNarrow = () => {
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(NARROW_QUERY) : undefined;
  const [narrow, setNarrow] = React.useState(query?.matches ?? false);
  React.useEffect(() => {
    if (!query) return;
    const onChange = () => setNarrow(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return narrow;
};

/**
 * The sub-navigation collapsed into one menu button above the page (narrow windows): it names the page
 * shown and lists the same pages, by section, as the column does on wide screens.
 */
const CollapsedBillingNav = () => {
  const t = useT();
  const { can } = usePermissions();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = NAV.flatMap((section) => section.items.filter((item) => can[item.permission]).map((item) => ({ ...item, section: section.label })));
  const current = items.find((item) => pathname === `${BASE_PATH}/${item.path}` || pathname.startsWith(`${BASE_PATH}/${item.path}/`));
  return (
    <Box tag="nav" aria-label={t('plugin.name')} paddingLeft={6} paddingRight={6} paddingTop={4}>
      <SimpleMenu label={`${t('plugin.name')}: ${current ? t(current.label) : t('nav.menu')}`} variant="tertiary">
        {items.map((item) => (
          <MenuItem key={item.path} onSelect={() => navigate(`${BASE_PATH}/${item.path}`)}>
            {`${t(item.section)} · ${t(item.label)}`}
          </MenuItem>
        ))}
      </SimpleMenu>
    </Box>
  );
};

/** Renders the page only with the permission; a deep link without it shows "no permissions". */
const Guard = ({ permission, children }: { permission: AdminActionUid; children: React.ReactNode }) => {
  const { can } = usePermissions();
  if (!can[permission]) return <Page.NoPermissions />;
  return <>{children}</>;
};

const BillingRoutes = () => {
  const t = useT();
  const { can, isLoading } = usePermissions();
  const narrow = useIsNarrow();
  // Subscribes the Billing page to the settings: fetched once, shared by every page (currency, mode).
  useBillingSettings();

  if (isLoading) return <Page.Loading />;

  const first = NAV.flatMap((section) => section.items).find((item) => can[item.permission]);

  return (
    <Layouts.Root sideNav={narrow ? undefined : <BillingNav />}>
      <Page.Title>{t('plugin.name')}</Page.Title>
      {narrow && <CollapsedBillingNav />}
      <Routes>
        <Route index element={first ? <Navigate to={`${BASE_PATH}/${first.path}`} replace /> : <Page.NoPermissions />} />
        {PAGES.map(({ path, permission, Component }) => (
          <Route
            key={path}
            path={path}
            element={
              <Guard permission={permission}>
                <Component />
              </Guard>
            }
          />
        ))}
        <Route path="*" element={<Navigate to={BASE_PATH} replace />} />
      </Routes>
    </Layouts.Root>
  );
};

const App = () => (
  <PermissionsProvider>
    <BillingRoutes />
  </PermissionsProvider>
);

export { App };
export default App;
