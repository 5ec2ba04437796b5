import * as React from 'react';
import { Box, TextButton } from '@strapi/design-system';
import { Pencil } from '@strapi/icons';

import type { ApiErrorInfo, FieldErrors } from '../utils/errors';
import { useT, type TranslationKey } from '../utils/translations';

export type TakenName = NonNullable<ApiErrorInfo['duplicate']>;

/**
 * A name the server says another entry has (409, contracts/api.ts DuplicateNameDetails), the same way on
 * every form: the error under the name field, and under it a link that opens the entry that has it.
 * `fieldErrorsOf(info)` turns a failed save's error into the form's field errors (the taken name's in
 * the admin's language); `errorAction(field)` is the name field's link while that error is shown.
 */
export const useDuplicateName = (open: boolean, onOpenExisting: ((existing: TakenName['existing']) => void) | undefined, actionLabel: TranslationKey = 'errors.duplicate.edit') => {
  const t = useT();
  const [taken, setTaken] = React.useState<TakenName>();
  React.useEffect(() => {
    if (open) setTaken(undefined);
  }, [open]);

  const fieldErrorsOf = (info: ApiErrorInfo): FieldErrors => {
    setTaken(info.duplicate);
    if (!info.duplicate) return info.fieldErrors;
    return { ...info.fieldErrors, [info.duplicate.field]: t('errors.duplicate', { name: info.duplicate.existing.name }) };
  };

  const errorAction = (field: string) =>
    taken?.field === field && onOpenExisting ? (
      <Box paddingTop={1}>
        <TextButton startIcon={<Pencil />} onClick={() => onOpenExisting(taken.existing)}>
          {t(actionLabel)}
        </TextButton>
      </Box>
    ) : undefined;

  return { taken, fieldErrorsOf, errorAction };
};
