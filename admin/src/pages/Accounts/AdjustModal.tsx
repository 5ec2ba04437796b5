import * as React from 'react';
import { Flex, Grid, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';

import { useAccountsApi } from '../../api/accounts';
import type { AdjustResult } from '../../api/types';
import { Callout } from '../../components/Callout';
import { DecimalField, SelectField, TextareaField } from '../../components/FormFields';
import { FormModal } from '../../components/FormModal';
import { Money } from '../../components/Money';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { isUnsignedDecimal, isZeroDecimal } from '../../utils/decimal';
import { formatMoney } from '../../utils/money';
import type { FieldErrors } from '../../utils/errors';
import { useT } from '../../utils/translations';

type Direction = 'credit' | 'debit';

interface AdjustModalProps {
  open: boolean;
  userId: string;
  balance: string;
  currency?: string;
  onClose: () => void;
  onAdjusted: (result: AdjustResult) => void;
}

/** Credit or debit an account through a ledger entry (needs accounts.adjust). */
export const AdjustModal = ({ open, userId, balance, currency, onClose, onAdjusted }: AdjustModalProps) => {
  const t = useT();
  const api = useAccountsApi();
  const { toggleNotification } = useNotification();
  const [direction, setDirection] = React.useState<Direction>('credit');
  const [amount, setAmount] = React.useState('');
  const [reason, setReason] = React.useState('');
  const { errors, setErrors, saving, submit } = useFormSubmit();

  React.useEffect(() => {
    if (open) {
      setDirection('credit');
      setAmount('');
      setReason('');
      setErrors({});
    }
  }, [open]);

  // The signed amount is built as text: "-" + the typed digits for a debit.
  const signed = direction === 'debit' ? `-${amount.trim()}` : amount.trim();

  const onSubmit = () => {
    const clientErrors: FieldErrors = {};
    if (!isUnsignedDecimal(amount)) clientErrors.amount = t('errors.decimal');
    else if (isZeroDecimal(amount)) clientErrors.amount = t('accounts.adjust.errors.zero');
    if (!reason.trim()) clientErrors.reason = t('errors.required');
    return submit(clientErrors, async () => {
      const result = await api.adjust(userId, { amount: signed, reason: reason.trim() });
      toggleNotification({
        type: 'success',
        message: t('accounts.adjust.done', { balance: formatMoney(result.balance, currency) }),
      });
      onAdjusted(result);
    });
  };

  return (
    <FormModal
      open={open}
      title={t('accounts.adjust.title', { userId })}
      saving={saving}
      onClose={onClose}
      onSubmit={onSubmit}
      submitVariant={direction === 'debit' ? 'danger' : 'default'}
      submitLabel={direction === 'debit' ? t('accounts.adjust.submitDebit') : t('accounts.adjust.submitCredit')}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex gap={2} alignItems="baseline">
          <Typography textColor="neutral600">{t('accounts.adjust.current')}</Typography>
          <Money value={balance} currency={currency} fontWeight="bold" exact />
        </Flex>
        <Grid.Root gap={4}>
          <Grid.Item col={5} xs={12} direction="column" alignItems="stretch">
            <SelectField<Direction>
              name="direction"
              label={t('accounts.adjust.direction')}
              value={direction}
              options={[
                { value: 'credit', label: t('accounts.adjust.credit') },
                { value: 'debit', label: t('accounts.adjust.debit') },
              ]}
              onChange={setDirection}
            />
          </Grid.Item>
          <Grid.Item col={7} xs={12} direction="column" alignItems="stretch">
            <DecimalField
              name="amount"
              label={t('accounts.adjust.amount')}
              hint={currency ? t('price.modal.currency', { currency }) : undefined}
              placeholder="10.00"
              value={amount}
              error={errors.amount}
              required
              onChange={(value) => setAmount(value.replace(/^[+-]/, ''))}
            />
          </Grid.Item>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <TextareaField
              name="reason"
              label={t('accounts.adjust.reason')}
              hint={t('accounts.adjust.reasonHint')}
              value={reason}
              error={errors.reason}
              required
              onChange={setReason}
            />
          </Grid.Item>
        </Grid.Root>
        {direction === 'debit' && <Callout variant="warning">{t('accounts.adjust.debitWarning')}</Callout>}
        {amount && isUnsignedDecimal(amount) && !isZeroDecimal(amount) && (
          <Typography variant="pi" textColor="neutral600">
            {t('accounts.adjust.preview', { amount: formatMoney(signed, currency, { signed: true }) })}
          </Typography>
        )}
      </Flex>
    </FormModal>
  );
};
