import type * as React from 'react';
import { Flex, IconButton, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';

import type { RedemptionCode } from '../../../../contracts';
import { CellText } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { Money } from '../../components/Money';
import { useCopyText } from '../../hooks/useCopyText';
import { formatCount } from '../../utils/decimal';
import { useT } from '../../utils/translations';

/** A code as people type it: monospace, never wrapped inside a group. */
export const CodeText = ({ code }: { code: string }) => (
  <Typography fontWeight="semiBold" style={{ fontFamily: 'SFMono-Regular, Menlo, Consolas, monospace', fontSize: '1.3rem', whiteSpace: 'nowrap' }}>
    {code}
  </Typography>
);

/** The code with a button copying it (the click does not open the row). */
export const CodeWithCopy = ({ code }: { code: string }) => {
  const t = useT();
  const copyText = useCopyText();
  return (
    <Flex gap={1} alignItems="center">
      <CodeText code={code} />
      <IconButton
        label={t('codes.copy', { code })}
        variant="ghost"
        size="XS"
        onClick={(event: React.MouseEvent) => {
          event.stopPropagation();
          void copyText(code, t('codes.copied', { code }));
        }}
      >
        <Duplicate />
      </IconButton>
    </Flex>
  );
};

/** What a code (or one redemption of it) grants: an amount, or a plan for a number of days. */
export type Grant = Pick<RedemptionCode, 'mode' | 'amount' | 'planId' | 'planName' | 'durationDays'>;

export const CodeGrant = ({ grant, currency }: { grant: Grant; currency?: string }) => {
  const t = useT();
  if (grant.mode === 'usage') return <Money value={grant.amount} currency={currency} fontWeight="semiBold" />;
  const plan = grant.planName ?? t('codes.grant.planId', { id: grant.planId ?? '—' });
  return <CellText>{t('codes.grant.period', { plan, days: grant.durationDays ?? 0 })}</CellText>;
};

/** Uses so far of the total, and how many one user may make. */
export const CodeUses = ({ code }: { code: RedemptionCode }) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="flex-end">
      <CellText>{t('codes.uses', { used: formatCount(code.usedCount), total: formatCount(code.totalUses) })}</CellText>
      <Typography variant="pi" textColor="neutral600" style={{ whiteSpace: 'nowrap' }}>
        {t('codes.perUser', { limit: code.perUserLimit })}
      </Typography>
    </Flex>
  );
};

/** When a code expires, the date above the time (two short lines keep the list narrow). */
export const CodeExpiry = ({ expiresAt }: { expiresAt: string | null }) => {
  const t = useT();
  if (!expiresAt) return <CellText muted>{t('codes.never')}</CellText>;
  return <DateTime value={expiresAt} stacked />;
};

/**
 * The batch a code belongs to, and beneath it the code's description on at most two lines (the whole text
 * as tooltip). One cell for both keeps the list within the page: the description takes the width left.
 */
export const CodeBatch = ({ batch, description }: { batch: string; description: string | null }) => (
  <Flex direction="column" alignItems="flex-start" gap={1}>
    <CellText mono ellipsis maxWidth="12rem">
      {batch}
    </CellText>
    {description && (
      <Typography
        variant="pi"
        textColor="neutral600"
        title={description}
        // The table sets nowrap on every cell: this text wraps, at most on two lines.
        style={{ whiteSpace: 'normal', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', maxWidth: '28rem' }}
      >
        {description}
      </Typography>
    )}
  </Flex>
);
