/** Query string with proper encoding (the admin fetch client does not encode `params` objects). */
type QueryValue = string | number | boolean | null | undefined;

export const toQueryString = (params: object) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params) as Array<[string, QueryValue]>) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  return search.toString();
};

export const withQuery = (path: string, params: object) => {
  const query = toQueryString(params);
  return query ? `${path}?${query}` : path;
};

export const encodeSegment = (value: string) => encodeURIComponent(value);
