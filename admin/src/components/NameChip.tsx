import { Box, Typography } from '@strapi/design-system';

type Tone = 'success' | 'warning' | 'neutral';

const BACKGROUND: Record<Tone, string> = { success: 'success100', warning: 'warning100', neutral: 'neutral150' };
const BORDER: Record<Tone, string> = { success: 'success200', warning: 'warning200', neutral: 'neutral200' };

/** A model, tool or tier name as a chip, in its own case (badges upper-case their text). */
export const NameChip = ({ name, tone = 'neutral' }: { name: string; tone?: Tone }) => (
  <Box
    tag="span"
    background={BACKGROUND[tone]}
    borderColor={BORDER[tone]}
    hasRadius
    paddingLeft={2}
    paddingRight={2}
    paddingTop="2px"
    paddingBottom="2px"
  >
    <Typography variant="pi" textColor="neutral800" style={{ fontFamily: 'SFMono-Regular, Menlo, Consolas, monospace' }}>
      {name}
    </Typography>
  </Box>
);
