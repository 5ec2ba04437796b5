import { Box, Typography } from '@strapi/design-system';

/** Read-only, pretty-printed JSON (billing snapshots, import diffs). */
export const JsonViewer = ({ value, maxHeight = '32rem' }: { value: unknown; maxHeight?: string }) => (
  <Box
    background="neutral100"
    hasRadius
    borderColor="neutral200"
    padding={3}
    style={{ maxHeight, overflow: 'auto' }}
  >
    <Typography
      tag="pre"
      variant="pi"
      textColor="neutral800"
      style={{ fontFamily: 'SFMono-Regular, Menlo, Consolas, monospace', whiteSpace: 'pre', margin: 0 }}
    >
      {JSON.stringify(value, null, 2)}
    </Typography>
  </Box>
);
