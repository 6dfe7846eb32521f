/**
 * "Did you mean ...?" for property names and plugin types: the closest candidate by
 * edit distance, when it is close enough to be a plausible typo.
 */

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let previous = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current = [i];
    for (let j = 1; j < cols; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[cols - 1] ?? 0;
}

/**
 * The candidate nearest to `input`, or undefined when none is near. Comparison ignores
 * case; a candidate qualifies within `maxDistance` edits (by default a third of the
 * input's length, at least 2), or, for dotted names, when it ends with the same last
 * segment (`io.kestra.core.tasks.log.Log` → `io.kestra.plugin.core.log.Log`).
 */
export function closest(input: string, candidates: Iterable<string>, maxDistance?: number): string | undefined {
  const needle = input.toLowerCase();
  const budget = maxDistance ?? Math.max(2, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const score = editDistance(needle, candidate.toLowerCase());
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best !== undefined && bestScore <= budget) return best;
  const lastSegment = needle.slice(needle.lastIndexOf(".") + 1);
  if (lastSegment.length >= 3) {
    for (const candidate of candidates) {
      if (candidate.toLowerCase().endsWith(`.${lastSegment}`)) return candidate;
    }
  }
  return undefined;
}
