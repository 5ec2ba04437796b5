import { Box, Button, Flex, Grid, Modal, Typography } from '@strapi/design-system';
import { Download, Duplicate } from '@strapi/icons';

import type { CodeCreateResult } from '../../../../contracts';
import { Callout } from '../../components/Callout';
import { DetailItem } from '../../components/DetailItem';
import { useCopyText } from '../../hooks/useCopyText';
import { formatCount } from '../../utils/decimal';
import { useT } from '../../utils/translations';
import { ModalCloseButton } from '../../components/ModalClose';

/** How many of the new codes the dialog lists; all of them are copied and exported. */
const SHOWN_CODES = 20;

interface CreatedCodesModalProps {
  /** The answer of the creation; the dialog is closed without one. */
  result?: CodeCreateResult;
  exporting: boolean;
  /** Saves the batch's CSV (every code with its terms). */
  onExport: (batch: string) => void;
  onClose: () => void;
}

/** What was just created: the batch, the first codes, and the ways to hand them out (clipboard, CSV). */
export const CreatedCodesModal = ({ result, exporting, onExport, onClose }: CreatedCodesModalProps) => {
  const t = useT();
  const copyText = useCopyText();
  if (!result) return null;
  const { batch, codes } = result;
  const total = formatCount(codes.length);
  const shown = codes.slice(0, SHOWN_CODES);

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content style={{ maxWidth: '64rem', width: '100%' }}>
        <Modal.Header>
          <Modal.Title>{t('codes.created.title', { count: codes.length })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={5}>
            <Callout variant="success">{t('codes.created.intro', { count: codes.length, batch })}</Callout>
            <Grid.Root gap={4}>
              <DetailItem label={t('codes.created.batch')} col={6}>
                <Typography fontWeight="semiBold" style={{ fontFamily: 'SFMono-Regular, Menlo, Consolas, monospace' }}>
                  {batch}
                </Typography>
              </DetailItem>
              <DetailItem label={t('codes.created.total')} col={6}>
                {total}
              </DetailItem>
            </Grid.Root>
            <Flex direction="column" alignItems="stretch" gap={2}>
              <Typography variant="sigma" textColor="neutral600">
                {codes.length > shown.length
                  ? t('codes.created.firstCodes', { shown: shown.length, total })
                  : t('codes.created.codes')}
              </Typography>
              <Box background="neutral100" hasRadius padding={4}>
                <Typography
                  tag="pre"
                  aria-label={t('codes.created.codes')}
                  style={{ fontFamily: 'SFMono-Regular, Menlo, Consolas, monospace', margin: 0, whiteSpace: 'pre-wrap' }}
                >
                  {shown.join('\n')}
                </Typography>
              </Box>
            </Flex>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <ModalCloseButton />
          <Flex gap={2}>
            <Button variant="secondary" startIcon={<Download />} loading={exporting} onClick={() => onExport(batch)}>
              {t('codes.export')}
            </Button>
            <Button startIcon={<Duplicate />} onClick={() => copyText(codes.join('\n'), t('codes.copiedAll', { count: codes.length }))}>
              {t('codes.copyAll')}
            </Button>
          </Flex>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
