/**
 * Internal consistency of a scale: Cronbach's alpha and corrected item-total
 * correlations, from a respondents x items matrix of keyed values with NaN for
 * an unanswered item. Covariances are pairwise (each over the respondents who
 * answered both items), so a "don't know" costs one pair, not the respondent.
 */
export interface ScaleReliability {
  /** Null when the scale has fewer than two items or no variance. */
  alpha: number | null;
  /** Correlation of each item with the sum of the scale's other items; null without variance. */
  itemTotal: (number | null)[];
  respondents: number;
}

export function scaleReliability(values: Float64Array, items: number): ScaleReliability {
  const n = values.length / items;
  const cov = pairwiseCovariance(values, n, items);
  const sumOf = (skip: number) => {
    let total = 0;
    for (let i = 0; i < items; i++) for (let j = 0; j < items; j++) if (i !== skip && j !== skip) total += cov[i * items + j]!;
    return total;
  };
  const total = sumOf(-1);
  let itemVariance = 0;
  for (let i = 0; i < items; i++) itemVariance += cov[i * items + i]!;
  const alpha = items >= 2 && total > 0 ? (items / (items - 1)) * (1 - itemVariance / total) : null;
  const itemTotal = Array.from({ length: items }, (_, i) => {
    const rest = sumOf(i);
    let covariance = 0;
    for (let j = 0; j < items; j++) if (j !== i) covariance += cov[i * items + j]!;
    const variance = cov[i * items + i]!;
    return rest > 0 && variance > 0 ? covariance / Math.sqrt(variance * rest) : null;
  });
  let respondents = 0;
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < items; i++) {
      if (!Number.isNaN(values[r * items + i]!)) {
        respondents++;
        break;
      }
    }
  }
  return { alpha, itemTotal, respondents };
}

/** Sample covariances (divisor n - 1), each over the rows where both items are present. */
export function pairwiseCovariance(values: Float64Array, n: number, items: number): Float64Array {
  const cov = new Float64Array(items * items);
  for (let i = 0; i < items; i++) {
    for (let j = 0; j <= i; j++) {
      let count = 0;
      let sumI = 0;
      let sumJ = 0;
      let sumIJ = 0;
      for (let r = 0; r < n; r++) {
        const a = values[r * items + i]!;
        const b = values[r * items + j]!;
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        count++;
        sumI += a;
        sumJ += b;
        sumIJ += a * b;
      }
      const value = count > 1 ? (sumIJ - (sumI * sumJ) / count) / (count - 1) : 0;
      cov[i * items + j] = value;
      cov[j * items + i] = value;
    }
  }
  return cov;
}
