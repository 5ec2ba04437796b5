import * as React from 'react';
import { Badge, Box, Flex, Grid, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';

import { BILLING_MODES, type BillingMode } from '../../../../contracts';
import { useT } from '../../utils/translations';

const Card = styled.button<{ $selected: boolean }>`
  all: unset;
  box-sizing: border-box;
  display: block;
  width: 100%;
  height: 100%;
  cursor: pointer;
  border-radius: ${({ theme }) => theme.borderRadius};
  border: 1px solid ${({ theme, $selected }) => ($selected ? theme.colors.primary600 : theme.colors.neutral200)};
  background: ${({ theme, $selected }) => ($selected ? theme.colors.primary100 : theme.colors.neutral0)};
  padding: ${({ theme }) => theme.spaces[4]};
  box-shadow: ${({ $selected, theme }) => ($selected ? `0 0 0 1px ${theme.colors.primary600}` : 'none')};

  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
    outline-offset: 2px;
  }

  &:disabled {
    cursor: not-allowed;
    opacity: 0.8;
  }
`;

interface ModePickerProps {
  value: BillingMode;
  savedValue: BillingMode;
  disabled?: boolean;
  onChange: (mode: BillingMode) => void;
}

/** The billing modes as selectable cards (a radio group), in the contract's order. */
export const ModePicker = ({ value, savedValue, disabled, onChange }: ModePickerProps) => {
  const t = useT();
  const cards = React.useRef<Partial<Record<BillingMode, HTMLButtonElement | null>>>({});

  // A radio group as WAI-ARIA describes it: one Tab stop (the checked card), arrow keys move the choice
  // and the focus to the previous or next mode (wrapping), Home and End to the first and last.
  const onKeyDown = (event: React.KeyboardEvent<HTMLButtonElement>) => {
    const index = BILLING_MODES.indexOf(value);
    const count = BILLING_MODES.length;
    const target = {
      ArrowRight: (index + 1) % count,
      ArrowDown: (index + 1) % count,
      ArrowLeft: (index - 1 + count) % count,
      ArrowUp: (index - 1 + count) % count,
      Home: 0,
      End: count - 1,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = BILLING_MODES[target];
    onChange(next);
    cards.current[next]?.focus();
  };

  return (
    <Grid.Root gap={4} role="radiogroup" aria-label={t('config.mode.title')}>
      {BILLING_MODES.map((mode) => (
        <Grid.Item key={mode} col={4} s={12} direction="column" alignItems="stretch">
          <Card
            ref={(element: HTMLButtonElement | null) => {
              cards.current[mode] = element;
            }}
            type="button"
            role="radio"
            aria-checked={value === mode}
            tabIndex={value === mode ? 0 : -1}
            $selected={value === mode}
            disabled={disabled}
            onClick={() => onChange(mode)}
            onKeyDown={onKeyDown}
          >
            <Flex direction="column" alignItems="flex-start" gap={2}>
              <Flex gap={2} alignItems="center" wrap="wrap">
                <Typography variant="delta" textColor={value === mode ? 'primary700' : 'neutral800'}>
                  {t(`mode.${mode}.title` as const)}
                </Typography>
                {savedValue === mode && (
                  <Badge size="S" variant="success">
                    {t('config.mode.current')}
                  </Badge>
                )}
              </Flex>
              <Typography variant="pi" textColor="neutral600">
                {t(`mode.${mode}.description` as const)}
              </Typography>
              <Box paddingTop={1}>
                <Typography variant="pi" textColor="neutral500">
                  {t(`mode.${mode}.funding` as const)}
                </Typography>
              </Box>
            </Flex>
          </Card>
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};

export type { ModePickerProps };
export default ModePicker;
