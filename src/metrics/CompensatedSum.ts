/**
 * A running sum with Neumaier's compensation: the low-order bits each addition rounds away
 * are kept in a second term and added back at the end, so the error stays at a few ulps of
 * the total instead of growing with the number of terms. Used where the results promise an
 * identity between two totals of millions of terms (Little's law for the deferred queue:
 * the sojourn sum against the queue integral).
 *
 * Contract: `value` is the sum of everything `add`ed, to within a few ulps of the result
 * (Neumaier 1974; Higham, "Accuracy and Stability of Numerical Algorithms", §4.3).
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(term: number): void {
    const next = this.sum + term;
    this.compensation +=
      Math.abs(this.sum) >= Math.abs(term) ? this.sum - next + term : term - next + this.sum;
    this.sum = next;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}
