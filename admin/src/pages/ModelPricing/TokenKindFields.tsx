import * as React from 'react';
import { Accordion, Box, Button, Flex, Grid, IconButton, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';

import type { TokenPriceField } from '../../../../contracts';
import { DecimalField, FormCell, TextField } from '../../components/FormFields';
import type { FieldErrors } from '../../utils/errors';
import { useT } from '../../utils/translations';
import { fallbackPlaceholder, toolError, type TokenForm, type ToolRow } from './priceForm';

// The parts of the price form for the kinds of token beyond text: price fields whose placeholder says what an
// empty one is billed at, the folded "more token kinds" section, and the model's own tool prices.

interface TokenPriceFieldsProps {
  fields: readonly TokenPriceField[];
  /** Error keys and input names start with it: '' or 'tiers[0].'. */
  prefix: string;
  values: TokenForm;
  errors: FieldErrors;
  readOnly?: boolean;
  compact?: boolean;
  onChange: (field: TokenPriceField, value: string) => void;
}

/** One decimal field per price; an empty one shows in grey the price it falls back to. */
export const TokenPriceFields = ({ fields, prefix, values, errors, readOnly, compact, onChange }: TokenPriceFieldsProps) => {
  const t = useT();
  return (
    <>
      {fields.map((field) => (
        <FormCell key={field} col={compact ? 2 : 6} s={6}>
          <DecimalField
            name={`${prefix}${field}`}
            label={t(`price.field.${field}`)}
            value={values[field]}
            placeholder={fallbackPlaceholder(values, field, t)}
            error={errors[`${prefix}${field}`]}
            disabled={readOnly}
            size={compact ? 'S' : undefined}
            onChange={(value) => onChange(field, value)}
          />
        </FormCell>
      ))}
    </>
  );
};

interface FoldedSectionProps {
  /** Distinguishes several sections in one form (one per tier). */
  id: string;
  title: string;
  description: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: React.ReactNode;
}

/** A section folded away until needed, so the common case (text prices) stays short. */
export const FoldedSection = ({ id, title, description, open, onOpenChange, children }: FoldedSectionProps) => (
  <Accordion.Root value={open ? id : ''} onValueChange={(value: string) => onOpenChange(value === id)}>
    <Accordion.Item value={id}>
      <Accordion.Header>
        <Accordion.Trigger description={description}>{title}</Accordion.Trigger>
      </Accordion.Header>
      <Accordion.Content>
        <Box padding={4}>{children}</Box>
      </Accordion.Content>
    </Accordion.Item>
  </Accordion.Root>
);

interface ModelExtrasProps {
  perRequest: string;
  tools: ToolRow[];
  errors: FieldErrors;
  readOnly?: boolean;
  onPerRequestChange: (value: string) => void;
  onToolsChange: (rows: ToolRow[]) => void;
}

/** A token or tiered model's fee per request and its own tool prices (once per model, never per tier). */
export const ModelExtras = ({ perRequest, tools, errors, readOnly, onPerRequestChange, onToolsChange }: ModelExtrasProps) => {
  const t = useT();
  const setRow = (index: number, change: Partial<ToolRow>) => onToolsChange(tools.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Grid.Root gap={4}>
        <FormCell col={6}>
          <DecimalField
            name="perRequest"
            label={t('price.field.perRequest')}
            hint={t('price.field.perRequest.hint')}
            value={perRequest}
            placeholder="0"
            error={errors.perRequest}
            disabled={readOnly}
            onChange={onPerRequestChange}
          />
        </FormCell>
      </Grid.Root>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="sigma" textColor="neutral600">
          {t('price.tools.title')}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('price.tools.hint')}
        </Typography>
        {errors.tools && <Typography textColor="danger600">{errors.tools}</Typography>}
        {tools.map((row, index) => (
          <Grid.Root key={index} gap={3}>
            <FormCell col={5} s={6}>
              <TextField
                name={`tools[${index}].tool`}
                label={t('price.tools.tool')}
                value={row.tool}
                size="S"
                error={errors[`tools[${index}].tool`]}
                disabled={readOnly}
                onChange={(value) => setRow(index, { tool: value })}
              />
            </FormCell>
            <FormCell col={5} s={5}>
              <DecimalField
                name={`tools[${index}].price`}
                label={t('price.tools.price')}
                value={row.price}
                size="S"
                error={toolError(errors, row, index)}
                disabled={readOnly}
                onChange={(value) => setRow(index, { price: value })}
              />
            </FormCell>
            {!readOnly && (
              <Grid.Item col={2} s={1} xs={12} alignItems="flex-end" paddingBottom={1}>
                <IconButton label={t('price.tools.remove')} variant="ghost" size="S" onClick={() => onToolsChange(tools.filter((_, i) => i !== index))}>
                  <Trash />
                </IconButton>
              </Grid.Item>
            )}
          </Grid.Root>
        ))}
        {!readOnly && (
          <Box>
            <Button variant="tertiary" size="S" startIcon={<Plus />} onClick={() => onToolsChange([...tools, { tool: '', price: '' }])}>
              {t('price.tools.add')}
            </Button>
          </Box>
        )}
      </Flex>
    </Flex>
  );
};
