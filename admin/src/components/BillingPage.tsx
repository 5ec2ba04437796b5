import * as React from 'react';
import { Flex } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';

interface BillingPageProps {
  title: string;
  subtitle?: React.ReactNode;
  /** The header's buttons. */
  primaryAction?: React.ReactNode;
  /** A back link before the title. */
  navigationAction?: React.ReactNode;
  /** A bar between the header and the content (a search box). */
  startActions?: React.ReactNode;
  /** Makes the header and the content one form, submitted by a button of the header. */
  onSubmit?: (event: React.FormEvent) => void;
  /** Stacks the content's blocks in a column with this gap. */
  gap?: number;
  /** The document title; `title` unless false (no title of its own). */
  documentTitle?: string | false;
  /** Dialogs of the page, outside its content. */
  dialogs?: React.ReactNode;
  children: React.ReactNode;
}

/** One page of the Billing section: document title, header (title, subtitle, actions), content, dialogs. */
export const BillingPage = ({
  title,
  subtitle,
  primaryAction,
  navigationAction,
  startActions,
  onSubmit,
  gap,
  documentTitle = title,
  dialogs,
  children,
}: BillingPageProps) => {
  const body = (
    <>
      <Layouts.Header title={title} subtitle={subtitle} primaryAction={primaryAction} navigationAction={navigationAction} />
      {startActions && <Layouts.Action startActions={startActions} />}
      <Layouts.Content>
        {gap === undefined ? (
          children
        ) : (
          <Flex direction="column" alignItems="stretch" gap={gap}>
            {children}
          </Flex>
        )}
      </Layouts.Content>
    </>
  );
  return (
    <Page.Main>
      {documentTitle !== false && <Page.Title>{documentTitle}</Page.Title>}
      {onSubmit ? (
        <form onSubmit={onSubmit} noValidate>
          {body}
        </form>
      ) : (
        body
      )}
      {dialogs}
    </Page.Main>
  );
};
