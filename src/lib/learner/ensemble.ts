/**
 * Ensembles of classifiers (Nielsen's chapter 6 ends with five nets voting): each member predicts the same split,
 * and the ensemble takes the majority vote of their predicted classes or the class of their mean probability.
 */
import type {DataLoader} from '../data/types';
import {argmaxRows, classProbabilities} from './interpretation/read-predictions';
import type {CallOptions, Learner, Split} from './learner';

/** How members combine: the most-voted class, or the argmax of the mean probabilities. */
export type Vote = 'majority' | 'probability';

/** The ensemble's predictions on a split. */
export interface EnsemblePredictions {
  /** The ensemble's class for each item. */
  predicted: Int32Array;
  /** The true class of each item. */
  targets: Int32Array;
  /** Mean probabilities of the members, `numClasses` per item. */
  meanProbs: Float32Array;
  /** Each member's predicted classes. */
  memberPredictions: Int32Array[];
  numClasses: number;
  /** Fraction of items the ensemble classifies correctly. */
  accuracy: number;
}

/** Several learners voting (see the module comment). */
export class Ensemble {
  constructor(readonly members: readonly Learner[]) {
    if (members.length === 0) throw new Error('Ensemble: needs at least one learner');
  }

  /**
   * Predicts a split with every member (each on its own loader of that split, which must list the same items in the
   * same order) and combines the votes. Majority ties go to the tied class with the highest mean probability.
   */
  async predict(
    split: Split | DataLoader = 'valid',
    options: CallOptions & {vote?: Vote} = {},
  ): Promise<EnsemblePredictions> {
    const vote = options.vote ?? 'majority';
    const members = [];
    for (const learner of this.members) {
      const preds = await learner.getPreds(split, {...options, withLoss: false});
      try {
        members.push(await classProbabilities(preds.preds, preds.targets));
      } finally {
        preds.preds.dispose();
        preds.targets.dispose();
      }
    }
    const {numClasses: k, targets} = members[0];
    const n = targets.length;
    members.forEach((m, i) => {
      if (m.numClasses !== k || m.targets.length !== n || m.targets.some((t, j) => t !== targets[j])) {
        throw new Error(`Ensemble: member ${i} predicts different items or classes than member 0 on this split`);
      }
    });
    const meanProbs = new Float32Array(n * k);
    for (const m of members) m.probs.forEach((p, i) => (meanProbs[i] += p / members.length));
    const memberPredictions = members.map((m) => argmaxRows(m.probs, k));
    let predicted = argmaxRows(meanProbs, k);
    if (vote === 'majority') {
      predicted = Int32Array.from({length: n}, (_, i) => {
        const votes = new Array<number>(k).fill(0);
        for (const p of memberPredictions) votes[p[i]]++;
        let best = 0;
        for (let c = 1; c < k; c++) {
          const more = votes[c] > votes[best];
          const tieWins = votes[c] === votes[best] && meanProbs[i * k + c] > meanProbs[i * k + best];
          if (more || tieWins) best = c;
        }
        return best;
      });
    }
    const correct = predicted.reduce((s, p, i) => s + (p === targets[i] ? 1 : 0), 0);
    return {predicted, targets, meanProbs, memberPredictions, numClasses: k, accuracy: n > 0 ? correct / n : NaN};
  }
}
