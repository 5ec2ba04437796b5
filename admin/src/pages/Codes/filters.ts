import { CODE_MODES, CODE_STATUSES, type CodeListQuery, type CodeMode, type CodeStatus } from '../../../../contracts';

/** The URL query of the Codes page: the filters (text as typed) and the page. */
export interface CodeQuery {
  page?: string;
  pageSize?: string;
  q?: string;
  batch?: string;
  status?: string;
  mode?: string;
}

export const FILTER_KEYS = ['q', 'batch', 'status', 'mode'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The filters as the form edits them: each as text, '' when unset. */
export type CodeFilterDraft = Record<FilterKey, string>;

export const draftOf = (query: CodeQuery): CodeFilterDraft => ({
  q: query.q ?? '',
  batch: query.batch ?? '',
  status: query.status ?? '',
  mode: query.mode ?? '',
});

const isStatus = (value: string | undefined): value is CodeStatus => (CODE_STATUSES as readonly string[]).includes(value ?? '');
const isMode = (value: string | undefined): value is CodeMode => (CODE_MODES as readonly string[]).includes(value ?? '');

/**
 * The API filters of a URL query. A status or mode the server does not know (a hand-edited link) is
 * dropped rather than sent: the list answers 400 to it.
 */
export const toApiFilters = (query: CodeQuery): Omit<CodeListQuery, 'page' | 'pageSize'> => ({
  q: query.q?.trim() || undefined,
  batch: query.batch?.trim() || undefined,
  status: isStatus(query.status) ? query.status : undefined,
  mode: isMode(query.mode) ? query.mode : undefined,
});
