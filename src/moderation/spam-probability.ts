// The spam classifier's arithmetic: Gary Robinson's probability for each token, combined with
// Fisher's method (chi-squared), as SpamBayes does. Pure: counts in, a probability out.

export interface TrainingTotals {
  /** Comments the model learned as spam, and as not spam (approved by a moderator). */
  readonly spam: number;
  readonly ham: number;
}

export interface TokenCounts {
  readonly token: string;
  /** In how many of the learned spam comments, and approved comments, the token appears. */
  readonly spam: number;
  readonly ham: number;
}

// Robinson's s and x: a token seen once weighs as much as a neutral prior of 0.5.
const priorStrength = 1;
const priorProbability = 0.5;
// SpamBayes' defaults: tokens between 0.4 and 0.6 say nothing; the 150 strongest decide.
const minStrength = 0.1;
const maxDiscriminators = 150;

/** How likely a comment containing this token is spam, pulled toward 0.5 while the token is rare. */
export function tokenSpamProbability(counts: TokenCounts, totals: TrainingTotals): number {
  const seen = counts.spam + counts.ham;
  if (seen === 0) return priorProbability;
  const spamRatio = counts.spam / Math.max(totals.spam, 1);
  const hamRatio = counts.ham / Math.max(totals.ham, 1);
  const p = spamRatio / (spamRatio + hamRatio);
  return (priorStrength * priorProbability + seen * p) / (priorStrength + seen);
}

/** 0 (surely not spam) to 1 (surely spam); 0.5 when the tokens give no evidence either way. */
export function spamProbability(tokens: readonly TokenCounts[], totals: TrainingTotals): number {
  const probabilities = tokens
    .map((t) => tokenSpamProbability(t, totals))
    .filter((p) => Math.abs(p - 0.5) >= minStrength)
    .sort((a, b) => Math.abs(b - 0.5) - Math.abs(a - 0.5))
    .slice(0, maxDiscriminators);
  if (probabilities.length === 0) return 0.5;
  const degrees = 2 * probabilities.length;
  const spamEvidence = 1 - chiSquaredSurvival(-2 * sum(probabilities.map((p) => Math.log(1 - p))), degrees);
  const hamEvidence = 1 - chiSquaredSurvival(-2 * sum(probabilities.map((p) => Math.log(p))), degrees);
  return (1 + spamEvidence - hamEvidence) / 2;
}

/** P(X ≥ x) for X chi-squared with an even number of degrees of freedom (a finite series). */
export function chiSquaredSurvival(x: number, degrees: number): number {
  const half = x / 2;
  let term = Math.exp(-half);
  let total = term;
  for (let i = 1; i < degrees / 2; i++) {
    term *= half / i;
    total += term;
  }
  return Math.min(total, 1);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
