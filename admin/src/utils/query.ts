/** Query string with proper encoding (the admin fetch client does not encode `params` objects). */
export const toQueryString = (params: Record<string, string | number | boolean | null | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  return search.toString();
};

export const withQuery = (path: string, params: Record<string, string | number | boolean | null | undefined>) => {
  const query = toQueryString(params);
  return query ? `${path}?${query}` : path;
};

export const encodeSegment = (value: string) => encodeURIComponent(value);
