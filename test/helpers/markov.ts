/**
 * Small exact Markov-chain computations for the protection validation tests: the references
 * of docs/validation.md#k-out-of-n-availability (k-out-of-n availability and the asymptotic variance of a time average),
 * #the-absorbing-markov-chain (mean time to absorption) and #transient-results (transient probabilities), computed from the
 * generator, independently of the closed forms printed in the document.
 *
 * Everything is dense and tiny (a handful of states), so plain Gaussian elimination with
 * partial pivoting is exact to ~1e-15 relative, far below any tolerance used.
 */

/** Solves A·x = b (A square, copied, not modified). */
function solveLinear(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (p === 0) throw new RangeError("solveLinear: singular matrix");
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= m[r]![c]! * x[c]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * Generator of the birth–death chain "i units failed" (i = 0..n) for n identical units with
 * failure rate λ each and `crews` repair crews of rate μ each (docs/validation.md#k-out-of-n-availability): failures
 * i → i+1 at (n−i)λ, repairs i → i−1 at min(i, crews)·μ. Units keep failing while the
 * system is down.
 */
export function machineRepairGenerator(n: number, lambda: number, mu: number, crews: number): number[][] {
  const q = Array.from({ length: n + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = 0; i <= n; i++) {
    if (i < n) q[i]![i + 1] = (n - i) * lambda;
    if (i > 0) q[i]![i - 1] = Math.min(i, crews) * mu;
    q[i]![i] = -(q[i]!.reduce((s, x) => s + x, 0) - q[i]![i]!);
  }
  return q;
}

/** Stationary distribution π of an irreducible generator: π·Q = 0, Σπ = 1. */
export function stationary(q: readonly (readonly number[])[]): number[] {
  const n = q.length;
  // Transpose, and replace the last balance equation by the normalisation.
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => q[j]![i]!));
  a[n - 1] = new Array<number>(n).fill(1);
  const b = new Array<number>(n).fill(0);
  b[n - 1] = 1;
  return solveLinear(a, b);
}

/**
 * Long-run mean and asymptotic variance σ² of the time average (1/T)∫f(X_t)dt of a function
 * f of an ergodic CTMC: Var ≈ σ²/T with σ² = 2·Σ_i π_i (f_i − f̄) g_i, where g solves the
 * Poisson equation Q·g = −(f − f̄) with π·g = 0 (the method docs/validation.md#k-out-of-n-availability names for its
 * "T for 2% relative SD" table).
 */
export function timeAverageVariance(
  q: readonly (readonly number[])[],
  f: readonly number[],
): { mean: number; sigma2: number } {
  const n = q.length;
  const pi = stationary(q);
  const mean = pi.reduce((s, p, i) => s + p * f[i]!, 0);
  const a = q.map((row) => [...row]);
  const b = f.map((x) => -(x - mean));
  // Q is singular (rank n−1): replace the last equation by π·g = 0.
  a[n - 1] = [...pi];
  b[n - 1] = 0;
  const g = solveLinear(a, b);
  const sigma2 = 2 * pi.reduce((s, p, i) => s + p * (f[i]! - mean) * g[i]!, 0);
  return { mean, sigma2 };
}

/**
 * Expected times to absorption from each transient state, t = (−Q_T)⁻¹·1 (docs/validation.md#the-absorbing-markov-chain),
 * for a generator restricted to its transient states (rows may leak rate to absorption).
 */
export function meanAbsorptionTimes(qTransient: readonly (readonly number[])[]): number[] {
  const minusQ = qTransient.map((row) => row.map((x) => -x));
  return solveLinear(
    minusQ,
    qTransient.map(() => 1),
  );
}

/**
 * The replication chain of docs/validation.md#the-absorbing-markov-chain restricted to its transient states: i = 0..m
 * shards lost (m = n − 1 failures tolerated), loss at rate (n−i)λ per remaining shard,
 * rebuild at μ (shared) or i·μ (independent); a failure from state m is data loss.
 */
export function replicationLossGenerator(
  n: number,
  lambda: number,
  mu: number,
  concurrency: "shared" | "independent",
): number[][] {
  const m = n - 1;
  const q = Array.from({ length: m + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = 0; i <= m; i++) {
    const fail = (n - i) * lambda;
    const repair = i === 0 ? 0 : concurrency === "shared" ? mu : i * mu;
    if (i < m) q[i]![i + 1] = fail;
    if (i > 0) q[i]![i - 1] = repair;
    q[i]![i] = -(fail + repair);
  }
  return q;
}

/** e^{Qt}·row vector p0 by uniformisation (exact to ~1e-15 for the small λt used here). */
export function transient(q: readonly (readonly number[])[], p0: readonly number[], t: number): number[] {
  const n = q.length;
  const rate = Math.max(...q.map((row, i) => -row[i]!));
  // P = I + Q/rate; p(t) = Σ_k Poisson(k; rate·t) p0·P^k.
  let term = [...p0];
  let weight = Math.exp(-rate * t);
  const out = term.map((x) => x * weight);
  for (let k = 1; k < 10_000; k++) {
    const next = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) next[j]! += term[i]! * ((i === j ? 1 : 0) + q[i]![j]! / rate);
    }
    term = next;
    weight *= (rate * t) / k;
    for (let j = 0; j < n; j++) out[j]! += term[j]! * weight;
    if (k > rate * t && weight < 1e-18) break;
  }
  return out;
}

/**
 * P(data loss within t) from all-OK, for the replication chain above with the loss state made
 * absorbing: the absorbing mass of p0·e^{Qt} (`absorbedWithin`).
 */
export function lossProbabilityWithin(
  n: number,
  lambda: number,
  mu: number,
  concurrency: "shared" | "independent",
  t: number,
): number {
  const transientPart = replicationLossGenerator(n, lambda, mu, concurrency);
  // From the last transient state (one copy left) a loss, at rate λ, is absorbed.
  return absorbedWithin(transientPart, lambda, t);
}

/**
 * P(data loss within t) of one RAID group of `disks` disks tolerating `parity` failures, disks
 * failing at λ each, one rebuild at a time at μ (shared repair): the machine-repair chain with
 * one crew (`machineRepairGenerator`) cut at `parity` failed disks, where one more failure, at
 * (disks − parity)·λ, is the loss (docs/validation.md#rare-events-on-the-other-failure-clocks).
 */
export function raidLossProbabilityWithin(
  disks: number,
  parity: number,
  lambda: number,
  mu: number,
  t: number,
): number {
  const chain = machineRepairGenerator(disks, lambda, mu, 1);
  const transientPart = chain.slice(0, parity + 1).map((row, i) => {
    const cut = row.slice(0, parity + 1);
    // The diagonal keeps the full outflow: the failure out of the last state leaves the chain.
    cut[i] = row[i]!;
    return cut;
  });
  return absorbedWithin(transientPart, (disks - parity) * lambda, t);
}

/**
 * The absorbing mass at t, from transient state 0, of a chain whose transient part is
 * `transientPart` and whose last transient state is absorbed at `exitRate`. Uniformisation is
 * run in slices of rate·Δt ≤ 50 so that e^{−rate·Δt} never underflows; every term is
 * non-negative, so a probability of 1e-10 keeps full relative precision (no 1 − (1 − P)
 * cancellation).
 */
function absorbedWithin(transientPart: readonly (readonly number[])[], exitRate: number, t: number): number {
  const m = transientPart.length;
  const q = transientPart.map((row, i) => [...row, i === m - 1 ? exitRate : 0]);
  q.push(new Array<number>(m + 1).fill(0));
  const rate = Math.max(...q.map((row, i) => -row[i]!));
  const slices = Math.max(1, Math.ceil((rate * t) / 50));
  let p: number[] = q.map((_, i) => (i === 0 ? 1 : 0));
  for (let k = 0; k < slices; k++) p = transient(q, p, t / slices);
  return p[m]!;
}
