import { Button, Flex, Typography } from '@strapi/design-system';
import { ArrowLeft, ArrowRight } from '@strapi/icons';

import { USAGE_LOG_MAX_OFFSET, type UsageLogList } from '../../../../contracts';
import { Pager } from '../../components/Pager';
import { useT } from '../../utils/translations';

/**
 * The log list's pager: Strapi's numbered pages while their offset stays within USAGE_LOG_MAX_OFFSET rows
 * (the server refuses deeper page numbers: skipping that many rows would scan them), then "Older calls",
 * which follows the server's keyset cursor one page at a time, and "Newest calls" back to page 1.
 */
export const LogPager = ({
  meta,
  page,
  cursor,
  onOlder,
  onNewest,
}: {
  meta?: UsageLogList['meta'];
  page: number;
  cursor?: string;
  onOlder: (cursor: string) => void;
  onNewest: () => void;
}) => {
  const t = useT();
  if (!meta) return null;
  const { pagination } = meta;
  const lastNumbered = Math.floor(USAGE_LOG_MAX_OFFSET / pagination.pageSize) + 1;
  const numbered = { ...pagination, pageCount: Math.min(pagination.pageCount, lastNumbered) };
  const beyond = pagination.pageCount > lastNumbered;
  const next = meta.cursor?.next ?? null;
  const showKeyset = Boolean(cursor) || (beyond && page >= lastNumbered);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {!cursor && <Pager pagination={numbered} />}
      {showKeyset && (
        <Flex justifyContent="space-between" gap={2} wrap="wrap">
          <Typography variant="pi" textColor="neutral600">
            {t('logs.pager.deep', { rows: USAGE_LOG_MAX_OFFSET.toLocaleString() })}
          </Typography>
          <Flex gap={2}>
            {cursor && (
              <Button variant="tertiary" startIcon={<ArrowLeft />} onClick={onNewest}>
                {t('logs.pager.newest')}
              </Button>
            )}
            <Button variant="secondary" endIcon={<ArrowRight />} disabled={!next} onClick={() => next && onOlder(next)}>
              {t('logs.pager.older')}
            </Button>
          </Flex>
        </Flex>
      )}
    </Flex>
  );
};
