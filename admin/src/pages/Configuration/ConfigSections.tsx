import { Box, Flex, Grid, Switch, Typography } from '@strapi/design-system';

import type { BillingMode } from '../../../../contracts';
import { Callout } from '../../components/Callout';
import { SelectField, TextField, ToggleField } from '../../components/FormFields';
import { Section } from '../../components/Section';
import type { FieldErrors } from '../../utils/errors';
import { useT } from '../../utils/translations';
import {
  SECTIONS,
  errorOf,
  hintOf,
  modeOf,
  type Block,
  type FieldBlock,
  type FormState,
  type FormValue,
  type Width,
} from './fields';
import { ModePicker } from './ModePicker';

interface ConfigSectionsProps {
  form: FormState;
  /** The saved mode (the picker marks it "current"). */
  savedMode: BillingMode;
  errors: FieldErrors;
  disabled: boolean;
  onChange: (name: string, value: FormValue) => void;
}

const GRID_ITEM: Record<Width, { col: number; s?: number; xs: number }> = {
  half: { col: 6, xs: 12 },
  quarter: { col: 3, s: 6, xs: 12 },
};

/** Every section of the settings form, rendered from the field list (fields.ts). */
export const ConfigSections = (props: ConfigSectionsProps) => {
  const t = useT();
  const { form, disabled, onChange } = props;
  return (
    <>
      {SECTIONS.map((section) => (
        <Section
          key={section.id}
          title={t(section.title)}
          subtitle={t(section.subtitle)}
          actions={
            section.toggle && (
              <ToggleInline
                label={t('config.enabled')}
                checked={form[section.toggle] === true}
                disabled={disabled}
                onChange={(checked) => onChange(section.toggle!, checked)}
              />
            )
          }
        >
          {section.blocks.length === 1 && section.blocks[0].kind === 'mode' ? (
            <BlockView block={section.blocks[0]} {...props} />
          ) : (
            <Grid.Root gap={5}>
              {section.blocks.map((block) =>
                block.kind === 'mode' ? null : (
                  <Grid.Item
                    key={block.kind === 'note' ? block.title : block.name}
                    {...GRID_ITEM[block.width]}
                    direction="column"
                    alignItems="stretch"
                  >
                    <BlockView block={block} {...props} />
                  </Grid.Item>
                ),
              )}
            </Grid.Root>
          )}
        </Section>
      ))}
    </>
  );
};

const BlockView = ({ block, form, savedMode, errors, disabled, onChange }: ConfigSectionsProps & { block: Block }) => {
  const t = useT();
  if (block.kind === 'mode') {
    const mode = modeOf(form);
    return (
      <>
        <ModePicker value={mode} savedValue={savedMode} disabled={disabled} onChange={(next) => onChange('mode', next)} />
        {mode !== savedMode && <Callout variant="warning">{t('config.mode.changedHint')}</Callout>}
        {errors.mode && (
          <Typography variant="pi" textColor="danger600">
            {errors.mode}
          </Typography>
        )}
      </>
    );
  }
  if (block.kind === 'note') {
    return (
      <Box paddingTop={{ initial: 0, medium: 6 }}>
        <Callout variant="info" title={t(block.title)}>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            {block.lines.map((line) => (
              <span key={line}>{t(line)}</span>
            ))}
          </Flex>
        </Callout>
      </Box>
    );
  }
  return (
    <FieldInput
      field={block}
      value={form[block.name]}
      error={errorOf(errors, block.name)}
      disabled={disabled}
      onChange={onChange}
    />
  );
};

/** The keyboard a text input asks for (a decimal is typed as text: DecimalField's input). */
const INPUT_MODES: Partial<Record<FieldBlock['kind'], 'decimal' | 'numeric'>> = { decimal: 'decimal', integer: 'numeric' };

interface FieldInputProps {
  field: FieldBlock;
  value: FormValue;
  error?: string;
  disabled: boolean;
  onChange: (name: string, value: FormValue) => void;
}

const FieldInput = ({ field, value, error, disabled, onChange }: FieldInputProps) => {
  const t = useT();
  const hint = hintOf(field);
  const common = {
    name: field.name,
    label: t(field.label),
    hint: hint && t(hint),
    error,
    disabled,
    required: field.required,
  };
  if (field.kind === 'toggle') {
    return (
      <ToggleField
        {...common}
        checked={value === true}
        onLabel={t('common.on')}
        offLabel={t('common.off')}
        onChange={(checked) => onChange(field.name, checked)}
      />
    );
  }
  if (field.kind === 'select') {
    return (
      <SelectField
        {...common}
        value={String(value)}
        options={(field.options ?? []).map((option) => ({ value: option.value, label: t(option.label) }))}
        onChange={(choice) => onChange(field.name, choice)}
      />
    );
  }
  return (
    <TextField
      {...common}
      value={String(value)}
      placeholder={field.placeholder}
      inputMode={INPUT_MODES[field.kind]}
      onChange={(text) => onChange(field.name, field.uppercase ? text.toUpperCase() : text)}
    />
  );
};

/** An on/off switch with its label, for a section's header. */
const ToggleInline = ({
  label,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) => {
  const t = useT();
  return (
    <Flex gap={2} alignItems="center">
      <Typography variant="pi" fontWeight="bold" textColor="neutral700">
        {label}
      </Typography>
      <Switch
        aria-label={label}
        checked={checked}
        disabled={disabled}
        visibleLabels
        onLabel={t('common.on')}
        offLabel={t('common.off')}
        onCheckedChange={onChange}
      />
    </Flex>
  );
};
