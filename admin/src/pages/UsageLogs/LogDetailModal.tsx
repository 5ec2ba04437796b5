import * as React from 'react';
import { Badge, Box, Button, Flex, Grid, Modal, Typography } from '@strapi/design-system';

import { TOKEN_KINDS, type ModelPriceInput, type UsageLog } from '../../../../contracts';
import { BillLines } from '../../components/BillLines';
import { Callout } from '../../components/Callout';
import { DateTime } from '../../components/DateTime';
import { JsonViewer } from '../../components/JsonViewer';
import { StatusBadge } from '../../components/StatusBadge';
import { useReturnFocus } from '../../hooks/useReturnFocus';
import { formatCount, formatDecimal } from '../../utils/decimal';
import { priceSummary } from '../../utils/pricing';
import { useT } from '../../utils/translations';
import { CloseOnlyFooter } from '../../components/ModalClose';

const Item = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="flex-start" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    {typeof children === 'string' || typeof children === 'number' ? (
      <Typography textColor="neutral800" style={{ wordBreak: 'break-all' }}>
        {children}
      </Typography>
    ) : (
      children
    )}
  </Grid.Item>
);

/** A log written before a kind of token existed has no count for it, which is 0. */
const isZeroCount = (value: string | number | null | undefined) => value === undefined || value === null || String(value) === '0';

const isPrice = (value: unknown): value is ModelPriceInput =>
  typeof value === 'object' && value !== null && typeof (value as { mode?: unknown }).mode === 'string';

/** The price version a snapshot names, wherever the server put it. */
const snapshotVersion = (snapshot: Record<string, unknown> | null): string | undefined => {
  if (!snapshot) return undefined;
  const price = snapshot.price as Record<string, unknown> | undefined;
  const version = snapshot.version ?? snapshot.priceVersion ?? price?.version;
  return version === undefined || version === null ? undefined : String(version);
};

export const LogDetailModal = ({ log, onClose }: { log?: UsageLog; onClose: () => void }) => {
  const t = useT();
  useReturnFocus(Boolean(log));
  if (!log) return null;
  const version = snapshotVersion(log.snapshot);
  const snapshotPrice = isPrice(log.snapshot?.price) ? log.snapshot?.price : undefined;
  const bill = log.snapshot?.bill as { multiplier?: unknown } | undefined;
  const multiplier = typeof bill?.multiplier === 'string' ? bill.multiplier : undefined;
  const lines = log.lines ?? [];

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content style={{ maxWidth: '100rem', width: '100%' }}>
        <Modal.Header>
          <Modal.Title>{t('logs.detail.title', { requestId: log.requestId })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Grid.Root gap={4}>
              <Item label={t('logs.column.occurredAt')}>
                <DateTime value={log.occurredAt} />
              </Item>
              <Item label={t('logs.column.user')}>{log.userId}</Item>
              <Item label={t('logs.column.model')}>{log.model}</Item>
              <Item label={t('logs.column.status')}>
                <StatusBadge value={log.status} label={t(`logs.status.${log.status}` as const)} />
              </Item>
              <Item label={t('logs.detail.pricingMode')}>{log.pricingMode ?? '—'}</Item>
              <Item label={t('logs.column.billingMode')}>
                <StatusBadge value={log.billingMode} label={t(`mode.${log.billingMode}.title` as const)} />
              </Item>
              <Item label={t('logs.filter.routeSource')}>{log.routeSource || '—'}</Item>
              <Item label={t('logs.detail.serviceTier')}>{log.serviceTier || '—'}</Item>
              {/* The text counts always; the other kinds (audio, image, video, 1-hour cache writes) when the call had some. */}
              {TOKEN_KINDS.filter((kind) => kind.common || !isZeroCount(log[kind.count])).map((kind) => (
                <Item key={kind.count} label={t(`logs.detail.${kind.count}`)}>
                  {formatCount(log[kind.count] ?? '0')}
                </Item>
              ))}
              <Item label={t('logs.detail.duration')}>{t('logs.detail.seconds', { value: formatDecimal(log.durationSeconds) })}</Item>
              <Item label={t('logs.detail.calls')}>{formatCount(log.calls)}</Item>
              <Item label={t('logs.detail.latency')}>
                {log.latencyMs === null || log.latencyMs === undefined ? '—' : t('logs.detail.ms', { value: formatCount(log.latencyMs) })}
              </Item>
              <Item label={t('logs.detail.tools')}>
                {log.tools?.length ? log.tools.map((tool) => `${tool.tool} × ${tool.calls ?? 1}`).join(', ') : '—'}
              </Item>
            </Grid.Root>

            {log.status === 'error' || log.errorMessage ? (
              <Callout variant="danger" title={t('logs.detail.errorMessage')}>
                <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {log.errorMessage || t('logs.detail.noErrorMessage')}
                </span>
              </Callout>
            ) : null}

            {log.flags && log.flags.length > 0 && (
              <Flex gap={2} wrap="wrap" alignItems="center">
                <Typography variant="sigma" textColor="neutral600">
                  {t('logs.detail.flags')}
                </Typography>
                {log.flags.map((flag) => (
                  <Badge key={flag} variant="warning" size="S">
                    {flag}
                  </Badge>
                ))}
              </Flex>
            )}

            <Flex direction="column" alignItems="stretch" gap={2}>
              <Typography variant="delta" tag="h3">
                {t('logs.detail.lines')}
              </Typography>
              {lines.length === 0 ? (
                <Typography textColor="neutral600">{t('logs.detail.noLines')}</Typography>
              ) : (
                <BillLines
                  lines={lines}
                  currency={log.currency}
                  totals={[
                    { label: t('logs.column.cost'), value: log.cost },
                    { label: t('logs.column.charged'), value: log.charged },
                  ]}
                />
              )}
            </Flex>

            <Flex direction="column" alignItems="stretch" gap={2}>
              <Typography variant="delta" tag="h3">
                {t('logs.detail.snapshot')}
              </Typography>
              {log.snapshot ? (
                <>
                  <Callout variant="info">
                    <Flex direction="column" alignItems="flex-start" gap={1}>
                      <span>
                        {version !== undefined
                          ? t('logs.detail.snapshotVersion', { version })
                          : t('logs.detail.snapshotNoVersion')}
                      </span>
                      {snapshotPrice && (
                        <span>
                          <strong>{t('logs.detail.snapshotPrice')}</strong> {priceSummary(snapshotPrice, t, log.currency)}
                        </span>
                      )}
                      {multiplier && multiplier !== '1' && (
                        <span>
                          <strong>{t('logs.detail.snapshotMultiplier')}</strong> × {formatDecimal(multiplier)}
                        </span>
                      )}
                    </Flex>
                  </Callout>
                  <RawSnapshot snapshot={log.snapshot} />
                </>
              ) : (
                <Typography textColor="neutral600">{t('logs.detail.noSnapshot')}</Typography>
              )}
            </Flex>
            <Box />
          </Flex>
        </Modal.Body>
        <CloseOnlyFooter />
      </Modal.Content>
    </Modal.Root>
  );
};

/**
 * The snapshot's raw JSON, folded until asked for: the summary above answers the usual question (which
 * price billed this call), and a long JSON pushed it out of view.
 */
const RawSnapshot = ({ snapshot }: { snapshot: Record<string, unknown> }) => {
  const t = useT();
  const [shown, setShown] = React.useState(false);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Box>
        <Button variant="tertiary" size="S" aria-expanded={shown} onClick={() => setShown((current) => !current)}>
          {shown ? t('logs.detail.rawHide') : t('logs.detail.rawShow')}
        </Button>
      </Box>
      {shown && <JsonViewer value={snapshot} />}
    </Flex>
  );
};
