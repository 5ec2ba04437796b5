import * as React from 'react';
import { Divider } from '@strapi/design-system';
import { Layouts, Page, SubNav } from '@strapi/strapi/admin';
import { Navigate, Route, Routes } from 'react-router-dom';

import { BillingSettingsProvider } from '../hooks/useBillingSettings';
import { PermissionsProvider, usePermissions } from '../hooks/usePermissions';
import type { ActionUid } from '../permissions';
import { BASE_PATH } from '../pluginId';
import { useT, type TranslationKey } from '../utils/translations';
import { AccountDetailPage } from './Accounts/AccountDetail';
import { AccountsPage } from './Accounts';
import { ConfigurationPage } from './Configuration';
import { ModelPricingPage } from './ModelPricing';
import { ToolPricingPage } from './ToolPricing';
import { UsageLogsPage } from './UsageLogs';

interface NavItem {
  path: string;
  label: TranslationKey;
  permission: ActionUid;
}

interface NavSection {
  id: string;
  label: TranslationKey;
  items: NavItem[];
}

const NAV: NavSection[] = [
  {
    id: 'setup',
    label: 'nav.section.setup',
    items: [{ path: 'configuration', label: 'nav.configuration', permission: 'settings.read' }],
  },
  {
    id: 'pricing',
    label: 'nav.section.pricing',
    items: [
      { path: 'model-pricing', label: 'nav.modelPricing', permission: 'pricing.read' },
      { path: 'tool-pricing', label: 'nav.toolPricing', permission: 'pricing.read' },
    ],
  },
  {
    id: 'activity',
    label: 'nav.section.activity',
    items: [
      { path: 'usage-logs', label: 'nav.usageLogs', permission: 'logs.read' },
      { path: 'accounts', label: 'nav.accounts', permission: 'accounts.read' },
    ],
  },
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
const Guard = ({ permission, children }: { permission: ActionUid; children: React.ReactNode }) => {
  const { can } = usePermissions();
  if (!can[permission]) return <Page.NoPermissions />;
  return <>{children}</>;
};

const BillingRoutes = () => {
  const t = useT();
  const { can, isLoading } = usePermissions();

  if (isLoading) return <Page.Loading />;

  const first = NAV.flatMap((section) => section.items).find((item) => can[item.permission]);

  return (
    <Layouts.Root sideNav={<BillingNav />}>
      <Page.Title>{t('plugin.name')}</Page.Title>
      <Routes>
        <Route index element={first ? <Navigate to={`${BASE_PATH}/${first.path}`} replace /> : <Page.NoPermissions />} />
        <Route
          path="configuration"
          element={
            <Guard permission="settings.read">
              <ConfigurationPage />
            </Guard>
          }
        />
        <Route
          path="model-pricing"
          element={
            <Guard permission="pricing.read">
              <ModelPricingPage />
            </Guard>
          }
        />
        <Route
          path="tool-pricing"
          element={
            <Guard permission="pricing.read">
              <ToolPricingPage />
            </Guard>
          }
        />
        <Route
          path="usage-logs"
          element={
            <Guard permission="logs.read">
              <UsageLogsPage />
            </Guard>
          }
        />
        <Route
          path="accounts"
          element={
            <Guard permission="accounts.read">
              <AccountsPage />
            </Guard>
          }
        />
        <Route
          path="accounts/:userId"
          element={
            <Guard permission="accounts.read">
              <AccountDetailPage />
            </Guard>
          }
        />
        <Route path="*" element={<Navigate to={BASE_PATH} replace />} />
      </Routes>
    </Layouts.Root>
  );
};

const App = () => (
  <PermissionsProvider>
    <BillingSettingsProvider>
      <BillingRoutes />
    </BillingSettingsProvider>
  </PermissionsProvider>
);

export { App };
export default App;
