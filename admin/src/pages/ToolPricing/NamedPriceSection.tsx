import * as React from 'react';
import { Button } from '@strapi/design-system';
import { Plus } from '@strapi/icons';

import type { QueryState } from '../../api/query';
import type { Column } from '../../components/DataTable';
import { QueryTable } from '../../components/QueryTable';
import { useDeleteConfirm, useRowActionsColumn } from '../../components/RowActions';
import { Section } from '../../components/Section';
import { useT } from '../../utils/translations';
import { NamedPriceModal, type Editing, type NamedPrice, type NamedPriceModalProps } from './NamedPriceModal';

interface NamedPriceSectionProps<T extends NamedPrice<T>> {
  /**
   * The translations' prefix: `tools` reads `tools.title`, `tools.subtitle`, `tools.add`, `tools.empty`,
   * `tools.deleteTitle`, `tools.deleteBody` and `tools.modal.createTitle` / `editTitle` (with `{name}`).
   */
  texts: 'tools' | 'multipliers';
  query: QueryState<T[]>;
  /** The data columns; the edit/delete actions column is added after them. */
  columns: Column<T>[];
  /** pricing.update: without it there is no add button, no actions and no row click. */
  canUpdate: boolean;
  /** More row actions, before edit and delete. */
  extraActions?: (item: T) => React.ReactNode;
  /** The collection's changes (api/pricing.ts): the list refreshes after each. */
  mutations: {
    create: (body: T) => Promise<unknown>;
    update: (name: string, body: T) => Promise<unknown>;
    remove: (name: string) => Promise<unknown>;
  };
  /** The form: its name field (`nameField.key`) also names each entry in the list and in the API. */
  modal: Pick<NamedPriceModalProps<T>, 'empty' | 'nameField' | 'valueField' | 'extraFields' | 'footnote'>;
}

/** A section listing named prices (tools, multipliers) with add, edit and delete. */
export const NamedPriceSection = <T extends NamedPrice<T>>({
  texts,
  query,
  columns,
  canUpdate,
  extraActions,
  mutations,
  modal,
}: NamedPriceSectionProps<T>) => {
  const t = useT();
  const nameOf = (item: T) => String(item[modal.nameField.key]);
  const [editing, setEditing] = React.useState<Editing<T>>({ open: false });
  const edit = (item?: T) => setEditing({ open: true, item });
  const close = () => setEditing({ open: false });
  const deletion = useDeleteConfirm<T>({
    title: t(`${texts}.deleteTitle`),
    body: (item) => t(`${texts}.deleteBody`, { name: nameOf(item) }),
    remove: (item) => mutations.remove(nameOf(item)),
    deleted: (item) => t('common.deleted', { name: nameOf(item) }),
  });
  const actions = useRowActionsColumn<T>({ canUpdate, onEdit: edit, onDelete: deletion.ask, extra: extraActions });

  return (
    <>
      <Section
        title={t(`${texts}.title`)}
        subtitle={t(`${texts}.subtitle`)}
        actions={
          canUpdate && (
            <Button variant="secondary" startIcon={<Plus />} onClick={() => edit()}>
              {t(`${texts}.add`)}
            </Button>
          )
        }
      >
        <QueryTable
          query={query}
          columns={[...columns, actions]}
          rowKey={nameOf}
          emptyContent={t(`${texts}.empty`)}
          onRowClick={canUpdate ? edit : undefined}
        />
      </Section>
      <NamedPriceModal<T>
        {...modal}
        state={editing}
        title={(item) => (item ? t(`${texts}.modal.editTitle`, { name: nameOf(item) }) : t(`${texts}.modal.createTitle`))}
        save={(body, name) => (name === undefined ? mutations.create(body) : mutations.update(name, body))}
        onClose={close}
        onSaved={close}
        onOpenExisting={(existing) => {
          const item = query.data?.find((entry) => nameOf(entry) === existing.name);
          if (item) edit(item);
        }}
      />
      {deletion.dialog}
    </>
  );
};
