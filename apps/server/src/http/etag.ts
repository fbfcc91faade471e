// If-None-Match against an entity tag (RFC 9110 §13.1.2: weak comparison, so a `W/` prefix on either
// side is ignored; `*` matches any current representation).
const MAX_HEADER_LENGTH = 2048;

export function ifNoneMatchIncludes(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (typeof ifNoneMatch !== 'string') return false;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch
    .slice(0, MAX_HEADER_LENGTH)
    .split(',')
    .some((candidate) => {
      const tag = candidate.trim();
      return tag === '*' || tag.replace(/^W\//, '') === opaque;
    });
}
