import { Button, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise, Cog, ShoppingCart } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';

import { usePaymentsStatus } from '../../api/orders';
import { BillingPage } from '../../components/BillingPage';
import { Callout } from '../../components/Callout';
import { LoadError } from '../../components/LoadError';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { usePermissions } from '../../hooks/usePermissions';
import { BASE_PATH } from '../../pluginId';
import { useT, type TranslationKey } from '../../utils/translations';
import { ChannelSection } from './ChannelSection';

/** The steps of setting a channel up, in order. */
const SETUP_STEPS: TranslationKey[] = ['payments.setup.publicUrl', 'payments.setup.keys', 'payments.setup.webhook', 'payments.setup.test'];

/** The payment channels: what each needs, the webhook URLs to register, Stripe's events, a test payment. */
export const PaymentsPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const { currency } = useBillingSettings();
  const status = usePaymentsStatus();

  if (status.isLoading) return <Page.Loading />;

  const toConfiguration = can['settings.read'] ? (
    <Button variant="tertiary" size="S" startIcon={<Cog />} onClick={() => navigate(`${BASE_PATH}/configuration`)}>
      {t('payments.openConfiguration')}
    </Button>
  ) : undefined;

  return (
    <BillingPage
      title={t('payments.title')}
      subtitle={t('payments.subtitle')}
      primaryAction={
        <Flex gap={2}>
          <Button variant="tertiary" startIcon={<ArrowClockwise />} loading={status.isFetching} onClick={status.refetch}>
            {t('common.refresh')}
          </Button>
          <Button variant="secondary" startIcon={<ShoppingCart />} onClick={() => navigate(`${BASE_PATH}/orders`)}>
            {t('payments.toOrders')}
          </Button>
        </Flex>
      }
      gap={6}
    >
      {status.error && <LoadError error={status.error} onRetry={status.refetch} retrying={status.isFetching} />}
      <Callout variant="info" title={t('payments.setup.title')} action={toConfiguration}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          {SETUP_STEPS.map((step) => (
            <span key={step}>{t(step)}</span>
          ))}
        </Flex>
      </Callout>
      {status.data &&
        (status.data.publicUrl ? (
          <Typography variant="pi" textColor="neutral600">
            {t('payments.publicUrl', { url: status.data.publicUrl })}
          </Typography>
        ) : (
          <Callout variant="warning" title={t('payments.publicUrl.missing.title')}>
            {t('payments.publicUrl.missing')}
          </Callout>
        ))}
      {status.data?.channels.map((channel) => <ChannelSection key={channel.channel} channel={channel} currency={currency} />)}
    </BillingPage>
  );
};

export default PaymentsPage;
