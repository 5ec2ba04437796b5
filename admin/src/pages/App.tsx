import * as React from 'react';
import { Divider } from '@strapi/design-system';
import { Layouts, Page, SubNav } from '@strapi/strapi/admin';
import { Navigate, Route, Routes } from 'react-router-dom';

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

/** Renders the page only with the permission; a deep link without it shows "no permissions". */
const Guard = ({ permission, children }: { permission: AdminActionUid; children: React.ReactNode }) => {
  const { can } = usePermissions();
  if (!can[permission]) return <Page.NoPermissions />;
  return <>{children}</>;
};

const BillingRoutes = () => {
  const t = useT();
  const { can, isLoading } = usePermissions();
  // Subscribes the Billing page to the settings: fetched once, shared by every page (currency, mode).
  useBillingSettings();

  if (isLoading) return <Page.Loading />;

  const first = NAV.flatMap((section) => section.items).find((item) => can[item.permission]);

  return (
    <Layouts.Root sideNav={<BillingNav />}>
      <Page.Title>{t('plugin.name')}</Page.Title>
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
