import * as React from 'react';
import { Flex, Grid, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';

import type { AdjustResult } from '../../../../contracts';
import { useAdjustBalance } from '../../api/accounts';
import { Callout } from '../../components/Callout';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DecimalField, FormCell, SelectField, TextareaField } from '../../components/FormFields';
import { FormModal } from '../../components/FormModal';
import { Money } from '../../components/Money';
import { useDialogForm } from '../../hooks/useFormSubmit';
import { isAmountInput, isNegativeDecimal, isZeroDecimal } from '../../utils/decimal';
import { requiredAmountError } from '../../utils/fieldChecks';
import { addMoney, formatMoney } from '../../utils/money';
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
  const [adjust] = useAdjustBalance();
  const { toggleNotification } = useNotification();
  const { values, set, field, saving, submit, dirty } = useDialogForm<{ direction: Direction; amount: string; reason: string }>(
    open,
    () => ({
      direction: 'credit',
      amount: '',
      reason: '',
    }),
  );
  const { direction, amount, reason } = values;

  // The signed amount is built as text: "-" + the typed digits for a debit.
  const signed = direction === 'debit' ? `-${amount.trim()}` : amount.trim();
  const amountValid = isAmountInput(amount) && !isZeroDecimal(amount);
  // The balance the entry leaves, exactly (decimal arithmetic): shown before saving.
  const resulting = amountValid ? addMoney(balance, signed) : undefined;
  // A debit that takes the balance below zero is asked about once more before it is sent.
  const goesNegative = direction === 'debit' && resulting !== undefined && isNegativeDecimal(resulting);
  const [confirmingNegative, setConfirmingNegative] = React.useState(false);

  const onSubmit = (negativeConfirmed = false) => {
    const clientErrors: FieldErrors = {};
    const amountError = requiredAmountError(amount, t);
    if (amountError) clientErrors.amount = amountError;
    else if (isZeroDecimal(amount)) clientErrors.amount = t('accounts.adjust.errors.zero');
    if (!reason.trim()) clientErrors.reason = t('errors.required');
    if (!Object.keys(clientErrors).length && goesNegative && !negativeConfirmed) {
      setConfirmingNegative(true);
      return Promise.resolve();
    }
    return submit(clientErrors, async () => {
      const result = await adjust({ userId, body: { amount: signed, reason: reason.trim() } }).unwrap();
      toggleNotification({
        type: 'success',
        message: t('accounts.adjust.done', { balance: formatMoney(result.balance, currency) }),
      });
      onAdjusted(result);
    });
  };

  return (
    <>
      <FormModal
        dirty={dirty}
        open={open}
        title={t('accounts.adjust.title', { userId })}
        saving={saving}
        onClose={onClose}
        onSubmit={() => onSubmit()}
        submitVariant={direction === 'debit' ? 'danger' : 'default'}
        submitLabel={direction === 'debit' ? t('accounts.adjust.submitDebit') : t('accounts.adjust.submitCredit')}
      >
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex gap={2} alignItems="baseline">
            <Typography textColor="neutral600">{t('accounts.adjust.current')}</Typography>
            <Money value={balance} currency={currency} fontWeight="bold" exact />
          </Flex>
          <Grid.Root gap={4}>
            <FormCell col={5}>
              <SelectField<Direction>
                {...field('direction')}
                label={t('accounts.adjust.direction')}
                options={[
                  { value: 'credit', label: t('accounts.adjust.credit') },
                  { value: 'debit', label: t('accounts.adjust.debit') },
                ]}
              />
            </FormCell>
            <FormCell col={7}>
              <DecimalField
                {...field('amount')}
                label={t('accounts.adjust.amount')}
                hint={currency ? t('price.modal.currency', { currency }) : undefined}
                placeholder="10.00"
                required
                onChange={(value) => set('amount', value.replace(/^[+-]/, ''))}
              />
            </FormCell>
            <FormCell col={12}>
              <TextareaField {...field('reason')} label={t('accounts.adjust.reason')} hint={t('accounts.adjust.reasonHint')} required />
            </FormCell>
          </Grid.Root>
          {direction === 'debit' && <Callout variant="warning">{t('accounts.adjust.debitWarning')}</Callout>}
          {resulting !== undefined && (
            <Typography variant="pi" textColor={goesNegative ? 'danger600' : 'neutral600'}>
              {t('accounts.adjust.preview', { amount: formatMoney(signed, currency, { signed: true }) })}{' '}
              {t('accounts.adjust.previewBalance', { balance: formatMoney(resulting, currency) })}
            </Typography>
          )}
        </Flex>
      </FormModal>
      <ConfirmDialog
        open={confirmingNegative}
        onOpenChange={setConfirmingNegative}
        title={t('accounts.adjust.negative.title')}
        confirmLabel={t('accounts.adjust.submitDebit')}
        onConfirm={async () => {
          setConfirmingNegative(false);
          await onSubmit(true);
        }}
      >
        {t('accounts.adjust.negative.body', { userId, balance: formatMoney(resulting ?? balance, currency) })}
      </ConfirmDialog>
    </>
  );
};
