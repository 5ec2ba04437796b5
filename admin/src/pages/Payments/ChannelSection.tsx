import * as React from 'react';
import { Box, Button, Flex, IconButton, Link, Typography } from '@strapi/design-system';
import { Duplicate, Play } from '@strapi/icons';
import { useNavigate } from 'react-router-dom';

import { TEST_PAYMENT_AMOUNT, type PaymentChannelStatus, type TestPaymentResponse } from '../../../../contracts';
import { useTestPayment } from '../../api/orders';
import { Callout } from '../../components/Callout';
import { NameChip } from '../../components/NameChip';
import { Section } from '../../components/Section';
import { EnabledBadge, StatusBadge } from '../../components/StatusBadge';
import { useBusyAction } from '../../hooks/useBusyAction';
import { useCopyText } from '../../hooks/useCopyText';
import { usePermissions } from '../../hooks/usePermissions';
import { BASE_PATH } from '../../pluginId';
import { formatMoney } from '../../utils/money';
import { useT } from '../../utils/translations';

const MONO = 'SFMono-Regular, Menlo, Consolas, monospace';

/** A labelled block of the channel's card. */
const Block = ({ label, hint, children }: { label: string; hint?: React.ReactNode; children: React.ReactNode }) => (
  <Flex direction="column" alignItems="stretch" gap={2}>
    <Typography variant="sigma" textColor="neutral600" tag="h3">
      {label}
    </Typography>
    {children}
    {hint && (
      <Typography variant="pi" textColor="neutral600">
        {hint}
      </Typography>
    )}
  </Flex>
);

/** Ready (on, nothing missing), Not ready (on, something missing) or Off. */
const ChannelState = ({ channel }: { channel: PaymentChannelStatus }) => {
  const t = useT();
  if (!channel.enabled) return <EnabledBadge enabled={false} />;
  if (channel.problems.length) return <StatusBadge value="failed" label={t('payments.state.notReady')} />;
  return <StatusBadge value="active" label={t('payments.state.ready')} />;
};

/** The webhook URL in full, with a button copying it; a note while the public URL is empty. */
const WebhookUrl = ({ channel }: { channel: PaymentChannelStatus }) => {
  const t = useT();
  const copyText = useCopyText();
  if (!channel.webhookUrl) {
    return <Typography textColor="neutral600">{t('payments.webhookUrl.none')}</Typography>;
  }
  const url = channel.webhookUrl;
  return (
    <Flex gap={2} alignItems="center">
      <Box background="neutral100" borderColor="neutral200" hasRadius paddingTop={2} paddingBottom={2} paddingLeft={3} paddingRight={3} flex={1}>
        <Typography textColor="neutral800" style={{ fontFamily: MONO, fontSize: '1.3rem', wordBreak: 'break-all' }}>
          {url}
        </Typography>
      </Box>
      <IconButton label={t('payments.webhookUrl.copy')} variant="tertiary" onClick={() => void copyText(url, t('payments.webhookUrl.copied'))}>
        <Duplicate />
      </IconButton>
    </Flex>
  );
};

/** The Stripe events to enable on the endpoint, each as a chip, with a button copying them all. */
const Events = ({ events }: { events: string[] }) => {
  const t = useT();
  const copyText = useCopyText();
  return (
    <Flex gap={2} alignItems="center" wrap="wrap">
      {events.map((event) => (
        <NameChip key={event} name={event} />
      ))}
      <IconButton label={t('payments.events.copy')} variant="ghost" size="S" onClick={() => void copyText(events.join('\n'), t('payments.events.copied'))}>
        <Duplicate />
      </IconButton>
    </Flex>
  );
};

/** Where a test checkout went: the link to pay it, and where its order shows. */
const TestResult = ({ result }: { result: TestPaymentResponse }) => {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Callout
      variant="success"
      title={t('payments.test.created', { orderNo: result.orderNo })}
      action={
        <Button variant="tertiary" size="S" onClick={() => navigate(`${BASE_PATH}/orders?q=${encodeURIComponent(result.orderNo)}`)}>
          {t('payments.test.viewOrder')}
        </Button>
      }
    >
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Link href={result.url} isExternal>
          {t('payments.test.open')}
        </Link>
        <span>{t('payments.test.user', { userId: result.userId })}</span>
        <span>{t('payments.test.settles')}</span>
      </Flex>
    </Callout>
  );
};

interface ChannelSectionProps {
  channel: PaymentChannelStatus;
  /** The billing currency: what the test payment's amount is in. */
  currency?: string;
}

/** One payment channel: its state, what is missing, the webhook to register, Stripe's events, a test payment. */
export const ChannelSection = ({ channel, currency }: ChannelSectionProps) => {
  const t = useT();
  const { can } = usePermissions();
  const testPayment = useTestPayment();
  const [busy, act] = useBusyAction<'test'>();
  const [result, setResult] = React.useState<TestPaymentResponse>();
  const name = t(`payments.channel.${channel.channel}`);
  const blockedBy = !channel.enabled
    ? t('payments.test.blockedOff')
    : channel.problems.length
      ? t('payments.test.blockedProblems')
      : undefined;

  const startTest = () =>
    act('test', async () => {
      setResult(undefined);
      setResult(await testPayment(channel.channel));
    });

  return (
    <Section title={name} subtitle={t(`payments.channel.${channel.channel}.subtitle`)} actions={<ChannelState channel={channel} />}>
      {channel.problems.length > 0 ? (
        <Callout variant={channel.enabled ? 'danger' : 'warning'} title={t('payments.problems.title')}>
          <Box tag="ul" paddingLeft={4} style={{ listStyle: 'disc' }}>
            {channel.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </Box>
        </Callout>
      ) : channel.enabled ? (
        <Callout variant="success">{t('payments.ready')}</Callout>
      ) : (
        <Callout variant="warning">{t('payments.off')}</Callout>
      )}

      <Block label={t('payments.webhookUrl')} hint={t(`payments.webhookUrl.${channel.channel}.hint`)}>
        <WebhookUrl channel={channel} />
      </Block>

      {channel.events.length > 0 && (
        <Block label={t('payments.events')} hint={t('payments.events.hint')}>
          <Events events={channel.events} />
        </Block>
      )}

      {can['payments.test'] && (
        <Block label={t('payments.test')}>
          <Flex>
            <Button variant="secondary" startIcon={<Play />} disabled={blockedBy !== undefined} loading={busy === 'test'} onClick={startTest}>
              {t('payments.test.start')}
            </Button>
          </Flex>
          <Typography variant="pi" textColor="neutral600">
            {blockedBy ?? t('payments.test.hint', { amount: formatMoney(TEST_PAYMENT_AMOUNT, currency), channel: name })}
          </Typography>
          {result && <TestResult result={result} />}
        </Block>
      )}
    </Section>
  );
};
