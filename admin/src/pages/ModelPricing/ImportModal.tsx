import * as React from 'react';
import { Badge, Box, Button, Checkbox, Flex, Grid, Modal, Typography } from '@strapi/design-system';
import { Upload } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';

import type { DiffChange, DiffName, DiffSection, ImportResult, ModelPriceInput } from '../../../../contracts';
import { useImportPricing } from '../../api/pricing';
import { Callout } from '../../components/Callout';
import { TextareaField } from '../../components/FormFields';
import { JsonViewer } from '../../components/JsonViewer';
import { NameChip } from '../../components/NameChip';
import { formatDecimal } from '../../utils/decimal';
import { formatMoney } from '../../utils/money';
import { parseApiError } from '../../utils/errors';
import { priceSummary } from '../../utils/pricing';
import { parseJsonWithLocation } from '../../utils/json';
import { useT, type TFunction } from '../../utils/translations';

type Step = 'input' | 'preview';

const nameOf = (entry: DiffName | DiffChange): string => {
  if (typeof entry === 'string') return entry;
  const record = entry as Record<string, unknown>;
  return String(record.model ?? record.tool ?? record.name ?? JSON.stringify(entry));
};

const isModelPrice = (value: unknown): value is ModelPriceInput =>
  typeof value === 'object' && value !== null && 'mode' in value && 'model' in value;

const describe = (value: unknown, t: TFunction, currency?: string): string => {
  if (value === null || value === undefined) return '—';
  if (isModelPrice(value)) {
    const summary = priceSummary(value, t, currency);
    return value.enabled === false ? `${summary} (${t('common.disabled')})` : summary;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('perCall' in record) {
      const price = t('price.perCall', { price: formatMoney(String(record.perCall), currency) });
      return record.enabled === false ? `${price} (${t('common.disabled')})` : price;
    }
    if ('factor' in record) return `× ${formatDecimal(String(record.factor))}`;
    return JSON.stringify(value);
  }
  return String(value);
};

/** The two sides of a change: the value before (struck out), the value after. */
const SIDES = [
  { side: 'before', label: 'import.diff.before', textColor: 'danger600', style: { textDecoration: 'line-through' } },
  { side: 'after', label: 'import.diff.after', textColor: 'success600' },
] as const;

/** A titled list of a diff section (the new entries, the changed ones). */
const DiffGroup = ({ title, color, gap, children }: { title: string; color: string; gap: number; children: React.ReactNode }) => (
  <Flex direction="column" alignItems="stretch" gap={gap}>
    <Typography variant="sigma" textColor={color}>
      {title}
    </Typography>
    {children}
  </Flex>
);

const SectionDiff = ({
  title,
  section,
  t,
  currency,
}: {
  title: string;
  section?: DiffSection;
  t: TFunction;
  currency?: string;
}) => {
  if (!section) return null;
  const total = section.new.length + section.changed.length + section.unchanged.length;
  return (
    <Box background="neutral100" hasRadius padding={4}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex gap={2} wrap="wrap" alignItems="center">
          <Typography variant="delta">{title}</Typography>
          <Badge variant="success" size="S">
            {t('import.diff.new', { count: section.new.length })}
          </Badge>
          <Badge variant="warning" size="S">
            {t('import.diff.changed', { count: section.changed.length })}
          </Badge>
          <Badge variant="neutral" size="S">
            {t('import.diff.unchanged', { count: section.unchanged.length })}
          </Badge>
        </Flex>
        {total === 0 && (
          <Typography variant="pi" textColor="neutral600">
            {t('import.diff.empty')}
          </Typography>
        )}
        {section.new.length > 0 && (
          // Each new entry with what it will cost, as the changed ones show their "after".
          <DiffGroup title={t('import.diff.newList')} color="success600" gap={1}>
            {section.new.map((entry) => (
              <Flex key={nameOf(entry)} gap={2} wrap="wrap" alignItems="center">
                <NameChip name={nameOf(entry)} tone="success" />
                <Typography variant="pi" textColor="success600">
                  {describe(entry.after, t, currency)}
                </Typography>
              </Flex>
            ))}
          </DiffGroup>
        )}
        {section.changed.length > 0 && (
          <DiffGroup title={t('import.diff.changedList')} color="warning600" gap={2}>
            {section.changed.map((change) => (
              <Box key={nameOf(change)} background="neutral0" hasRadius padding={3} borderColor="neutral200">
                <Typography fontWeight="bold">{nameOf(change)}</Typography>
                <Grid.Root gap={2} paddingTop={1}>
                  {SIDES.map(({ side, label, ...style }) => (
                    <Grid.Item key={side} col={6} xs={12} direction="column" alignItems="flex-start">
                      <Typography variant="pi" textColor="neutral600">
                        {t(label)}
                      </Typography>
                      <Typography variant="pi" {...style}>
                        {describe(change[side], t, currency)}
                      </Typography>
                    </Grid.Item>
                  ))}
                </Grid.Root>
              </Box>
            ))}
          </DiffGroup>
        )}
      </Flex>
    </Box>
  );
};

interface ImportModalProps {
  open: boolean;
  onClose: () => void;
}

/** Imports a pricing file: its diff first (a dry run), then applied; the pricing lists then refresh. */
export const ImportModal = ({ open, onClose }: ImportModalProps) => {
  const t = useT();
  const [importPricing] = useImportPricing();
  const { toggleNotification } = useNotification();
  const fileInput = React.useRef<HTMLInputElement>(null);
  const [step, setStep] = React.useState<Step>('input');
  const [text, setText] = React.useState('');
  const [fileName, setFileName] = React.useState<string>();
  const [parseError, setParseError] = React.useState<string>();
  const [serverErrors, setServerErrors] = React.useState<Array<[string, string]>>([]);
  const [serverMessage, setServerMessage] = React.useState<string>();
  const [result, setResult] = React.useState<ImportResult>();
  const [allowUnknown, setAllowUnknown] = React.useState(false);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    if (open) {
      setStep('input');
      setText('');
      setFileName(undefined);
      setParseError(undefined);
      setServerErrors([]);
      setServerMessage(undefined);
      setResult(undefined);
      setAllowUnknown(false);
    }
  }, [open]);

  const parsed = React.useMemo((): { ok: true; value: unknown } | { ok: false; message: string } => {
    if (!text.trim()) return { ok: false, message: t('import.errors.empty') };
    const result = parseJsonWithLocation(text);
    if (result.ok) return { ok: true, value: result.value };
    const message = result.message ?? '';
    return {
      ok: false,
      message:
        result.line !== undefined && result.column !== undefined
          ? t('import.errors.jsonAt', { line: result.line, column: result.column, message })
          : t('import.errors.json', { message }),
    };
  }, [text, t]);

  const currency =
    parsed.ok && typeof parsed.value === 'object' && parsed.value !== null
      ? ((parsed.value as { currency?: string }).currency ?? undefined)
      : undefined;

  const onFile = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
    setParseError(undefined);
  };

  const showError = (error: unknown) => {
    const info = parseApiError(error, t('errors.unknown'));
    setServerMessage(info.message);
    setServerErrors(Object.entries(info.fieldErrors));
    return info;
  };

  const preview = async () => {
    setServerErrors([]);
    setServerMessage(undefined);
    if (!parsed.ok) {
      setParseError(parsed.message);
      return;
    }
    setParseError(undefined);
    setBusy(true);
    try {
      const diff = await importPricing({ file: parsed.value, dryRun: true, allowUnknown }).unwrap();
      setResult(diff);
      setStep('preview');
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!parsed.ok) return;
    setBusy(true);
    setServerErrors([]);
    setServerMessage(undefined);
    try {
      const applied = await importPricing({ file: parsed.value, dryRun: false, allowUnknown }).unwrap();
      toggleNotification({
        type: 'success',
        message: t('import.done', {
          models: applied.models.new.length + applied.models.changed.length,
          tools: applied.tools.new.length + applied.tools.changed.length,
          multipliers: applied.multipliers.new.length + applied.multipliers.changed.length,
        }),
      });
      onClose();
    } catch (error) {
      const info = showError(error);
      if (info.name === 'UnknownModelsError' && Array.isArray(info.details.unknown) && result) {
        setResult({ ...result, unknown: info.details.unknown as string[] });
      }
    } finally {
      setBusy(false);
    }
  };

  const unknown = result?.unknown ?? [];
  const nothingToDo =
    result &&
    result.models.new.length +
      result.models.changed.length +
      result.tools.new.length +
      result.tools.changed.length +
      result.multipliers.new.length +
      result.multipliers.changed.length ===
      0;

  return (
    <Modal.Root open={open} onOpenChange={(next: boolean) => !next && !busy && onClose()}>
      <Modal.Content style={{ maxWidth: '96rem', width: '100%' }}>
        <Modal.Header>
          <Modal.Title>{step === 'input' ? t('import.title') : t('import.previewTitle')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {serverMessage && (
              <Callout variant="danger" title={serverMessage}>
                {serverErrors.length > 0 && (
                  <Box tag="ul" paddingLeft={4} style={{ listStyle: 'disc' }}>
                    {serverErrors.slice(0, 20).map(([path, message]) => (
                      <li key={path}>
                        <code>{path || 'file'}</code>: {message}
                      </li>
                    ))}
                  </Box>
                )}
              </Callout>
            )}

            {step === 'input' && (
              <>
                <Typography textColor="neutral600">{t('import.intro')}</Typography>
                <Flex gap={3} alignItems="center">
                  <input ref={fileInput} type="file" accept=".json,application/json" hidden onChange={onFile} />
                  <Button variant="secondary" startIcon={<Upload />} onClick={() => fileInput.current?.click()}>
                    {t('import.chooseFile')}
                  </Button>
                  <Typography variant="pi" textColor="neutral600">
                    {fileName ?? t('import.orPaste')}
                  </Typography>
                </Flex>
                <TextareaField
                  name="pricing-file"
                  label={t('import.fileContent')}
                  value={text}
                  mono
                  placeholder={
                    '{\n  "version": 1,\n  "currency": "USD",\n  "models": [{ "model": "gpt-4o", "mode": "token", "input": "2.5", "output": "10" }],\n  "tools": [],\n  "multipliers": []\n}'
                  }
                  error={parseError}
                  onChange={(value) => {
                    setText(value);
                    setParseError(undefined);
                  }}
                />
              </>
            )}

            {step === 'preview' && result && (
              <>
                <Callout variant={nothingToDo ? 'success' : 'info'}>
                  {nothingToDo ? t('import.nothingToDo') : t('import.previewIntro')}
                </Callout>
                {unknown.length > 0 && (
                  <Callout variant="warning" title={t('import.unknown.title', { count: unknown.length })}>
                    <Flex direction="column" alignItems="flex-start" gap={2}>
                      <span>{t('import.unknown.explain')}</span>
                      <Flex gap={1} wrap="wrap">
                        {unknown.map((name) => (
                          <NameChip key={name} name={name} tone="warning" />
                        ))}
                      </Flex>
                      <Checkbox
                        checked={allowUnknown}
                        onCheckedChange={(checked: boolean | 'indeterminate') => setAllowUnknown(checked === true)}
                      >
                        {t('import.unknown.allow')}
                      </Checkbox>
                    </Flex>
                  </Callout>
                )}
                <SectionDiff title={t('import.section.models')} section={result.models} t={t} currency={currency} />
                <SectionDiff title={t('import.section.tools')} section={result.tools} t={t} currency={currency} />
                <SectionDiff title={t('import.section.multipliers')} section={result.multipliers} t={t} currency={currency} />
                <details>
                  <summary>
                    <Typography variant="pi" textColor="neutral600" style={{ cursor: 'pointer' }}>
                      {t('import.rawDiff')}
                    </Typography>
                  </summary>
                  <Box paddingTop={2}>
                    <JsonViewer value={result} maxHeight="24rem" />
                  </Box>
                </details>
              </>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          {step === 'input' ? (
            <Modal.Close>
              <Button variant="tertiary" disabled={busy}>
                {t('common.cancel')}
              </Button>
            </Modal.Close>
          ) : (
            <Button variant="tertiary" disabled={busy} onClick={() => setStep('input')}>
              {t('common.back')}
            </Button>
          )}
          {step === 'input' ? (
            <Button onClick={preview} loading={busy} disabled={!text.trim()}>
              {t('import.preview')}
            </Button>
          ) : (
            <Button onClick={apply} loading={busy} disabled={Boolean(nothingToDo) || (unknown.length > 0 && !allowUnknown)}>
              {t('import.apply')}
            </Button>
          )}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
