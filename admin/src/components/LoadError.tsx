import { Button } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';

import type { ApiErrorInfo } from '../utils/errors';
import { useT } from '../utils/translations';
import { Callout } from './Callout';

/**
 * A read that failed: one danger callout with the reason and a Retry button. Shown instead of the list or
 * chart it stands for, never beside an empty state ("No call matches these filters" would be a lie: nothing
 * was read).
 */
export const LoadError = ({ error, onRetry, retrying }: { error: ApiErrorInfo; onRetry: () => void; retrying?: boolean }) => {
  const t = useT();
  return (
    <Callout
      variant="danger"
      title={t('errors.loadFailed')}
      action={
        <Button variant="danger-light" size="S" startIcon={<ArrowClockwise />} loading={retrying} onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    >
      {error.message}
    </Callout>
  );
};
