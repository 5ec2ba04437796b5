import * as React from 'react';

import { isAbortError, parseApiError, type ApiErrorInfo } from '../utils/errors';

export interface RequestState<T> {
  data: T | undefined;
  error: ApiErrorInfo | undefined;
  /** True until the first answer (or error) arrives. */
  isLoading: boolean;
  /** True while any request (first or refetch) is in flight. */
  isFetching: boolean;
  refetch: () => Promise<void>;
  setData: React.Dispatch<React.SetStateAction<T | undefined>>;
}

/**
 * Runs `fetcher` on mount and whenever `deps` change; answers of superseded calls are dropped.
 * `enabled: false` skips the call (e.g. while permissions load or without the read permission).
 */
export const useRequest = <T>(
  fetcher: () => Promise<T>,
  deps: React.DependencyList,
  { enabled = true }: { enabled?: boolean } = {},
): RequestState<T> => {
  const [data, setData] = React.useState<T>();
  const [error, setError] = React.useState<ApiErrorInfo>();
  const [isFetching, setIsFetching] = React.useState(enabled);
  const [hasAnswered, setHasAnswered] = React.useState(false);
  const callId = React.useRef(0);
  const mounted = React.useRef(true);
  const fetcherRef = React.useRef(fetcher);
  fetcherRef.current = fetcher;

  React.useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = React.useCallback(async () => {
    const id = ++callId.current;
    setIsFetching(true);
    try {
      const result = await fetcherRef.current();
      if (!mounted.current || id !== callId.current) return;
      setData(result);
      setError(undefined);
    } catch (err) {
      if (!mounted.current || id !== callId.current || isAbortError(err)) return;
      setError(parseApiError(err));
    } finally {
      if (mounted.current && id === callId.current) {
        setIsFetching(false);
        setHasAnswered(true);
      }
    }
  }, []);

  React.useEffect(() => {
    if (!enabled) {
      setIsFetching(false);
      return;
    }
    void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, run, ...deps]);

  return { data, error, isLoading: enabled && !hasAnswered, isFetching, refetch: run, setData };
};
