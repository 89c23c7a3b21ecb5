import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {adagrad, adam, adamW, rmsprop, sgd, type Optimizer, type OptimizerFactory} from '../../../src/lib/optim';

const W0 = [0.5, -1.0, 2.0];
const GRADS = [
  [0.1, -0.2, 0.3],
  [0.4, 0.1, -0.5],
  [-0.3, 0.2, 0.05],
];

/** Runs our optimizer over the fixed gradients and returns the weights after each step. */
function runOurs(factory: OptimizerFactory, configure?: (opt: Optimizer, step: number) => void): number[][] {
  const w = tf.variable(tf.tensor1d(W0));
  const opt = factory([{variables: [w], lrMult: 1}]);
  const out: number[][] = [];
  GRADS.forEach((g, i) => {
    configure?.(opt, i);
    tf.tidy(() => opt.step({[w.name]: tf.tensor1d(g)}));
    out.push(Array.from(w.dataSync()));
  });
  opt.dispose();
  w.dispose();
  return out;
}

function runTfjs(opt: tf.Optimizer): number[][] {
  const w = tf.variable(tf.tensor1d(W0));
  const out: number[][] = [];
  for (const g of GRADS) {
    tf.tidy(() => opt.applyGradients({[w.name]: tf.tensor1d(g)}));
    out.push(Array.from(w.dataSync()));
  }
  opt.dispose();
  w.dispose();
  return out;
}

/** A plain-JS reference: `rule` maps (w, g, state, t) to new w per element, in float64. */
function runReference(rule: (w: number, g: number, s: Record<string, number>, t: number) => number): number[][] {
  const w = [...W0];
  const states = W0.map(() => ({}) as Record<string, number>);
  return GRADS.map((g, step) => {
    for (let i = 0; i < w.length; i++) w[i] = rule(w[i], g[i], states[i], step + 1);
    return [...w];
  });
}

const close = (rows: number[][], digits = 5) => rows.map((r) => r.map((v) => expect.closeTo(v, digits)));

describe('optimizers agree with tfjs and with hand-computed updates', () => {
  it('sgd equals tf.train.sgd', () => {
    expect(runOurs(sgd({lr: 0.1}))).toEqual(close(runTfjs(tf.train.sgd(0.1))));
  });

  it('sgd with momentum and Nesterov equal tf.train.momentum', () => {
    expect(runOurs(sgd({lr: 0.1, momentum: 0.9}))).toEqual(close(runTfjs(tf.train.momentum(0.1, 0.9))));
    expect(runOurs(sgd({lr: 0.1, momentum: 0.9, nesterov: true}))).toEqual(
      close(runTfjs(tf.train.momentum(0.1, 0.9, true))),
    );
  });

  it('adam equals tf.train.adam', () => {
    expect(runOurs(adam({lr: 0.01, betas: [0.9, 0.999], eps: 1e-8}))).toEqual(
      close(runTfjs(tf.train.adam(0.01, 0.9, 0.999, 1e-8)), 6),
    );
  });

  it('adamW decays decoupled: w·(1 − lr·wd) then the Adam step', () => {
    const [lr, b1, b2, eps, wd] = [0.01, 0.9, 0.99, 1e-5, 0.1];
    const want = runReference((w, g, s, t) => {
      w *= 1 - lr * wd;
      s.m = b1 * (s.m ?? 0) + (1 - b1) * g;
      s.v = b2 * (s.v ?? 0) + (1 - b2) * g * g;
      return w - (lr * s.m) / (1 - b1 ** t) / (Math.sqrt(s.v / (1 - b2 ** t)) + eps);
    });
    expect(runOurs(adamW({lr, wd}))).toEqual(close(want, 6));
  });

  it('rmsprop (with and without momentum) and adagrad follow their PyTorch formulas', () => {
    const [lr, alpha, eps, mu] = [0.01, 0.9, 1e-8, 0.5];
    const plain = runReference((w, g, s) => {
      s.sq = alpha * (s.sq ?? 0) + (1 - alpha) * g * g;
      return w - (lr * g) / (Math.sqrt(s.sq) + eps);
    });
    expect(runOurs(rmsprop({lr, alpha, eps}))).toEqual(close(plain));
    const withMomentum = runReference((w, g, s) => {
      s.sq = alpha * (s.sq ?? 0) + (1 - alpha) * g * g;
      s.b = mu * (s.b ?? 0) + g / (Math.sqrt(s.sq) + eps);
      return w - lr * s.b;
    });
    expect(runOurs(rmsprop({lr, alpha, eps, momentum: mu}))).toEqual(close(withMomentum));
    const ada = runReference((w, g, s) => {
      s.sum = (s.sum ?? 0) + g * g;
      return w - (lr * g) / (Math.sqrt(s.sum) + 1e-10);
    });
    expect(runOurs(adagrad({lr}))).toEqual(close(ada));
  });

  it('reads lr and mom at every step (what one-cycle relies on)', () => {
    const lrs = [0.1, 0.05, 0.2];
    const moms = [0.9, 0.8, 0.95];
    const want = runReference((w, g, s, t) => {
      s.b = moms[t - 1] * (s.b ?? 0) + g;
      return w - lrs[t - 1] * s.b;
    });
    const got = runOurs(sgd({momentum: 0.9}), (opt, i) => {
      opt.lr = lrs[i];
      opt.mom = moms[i];
    });
    expect(got).toEqual(close(want));
  });

  it('decoupled wd on plain SGD equals Nielsen’s L2 update (1 − ηλ/n)·w − η·g', () => {
    const [eta, lambda, n] = [0.5, 5, 100];
    const want = runReference((w, g) => (1 - (eta * lambda) / n) * w - eta * g);
    expect(runOurs(sgd({lr: eta, wd: lambda / n}))).toEqual(close(want));
  });
});

describe('parameter groups, freezing and state', () => {
  it('applies lrMult and wdMult per group and skips frozen variables and missing gradients', () => {
    const body = tf.variable(tf.tensor1d([1, 1]));
    const head = tf.variable(tf.tensor1d([1, 1]));
    const bias = tf.variable(tf.tensor1d([1, 1]));
    const frozen = tf.variable(tf.tensor1d([1, 1]), false);
    const untouched = tf.variable(tf.tensor1d([1, 1]));
    const opt = sgd({lr: 1, wd: 0.1})([
      {variables: [body, frozen], lrMult: 0.1},
      {variables: [head, untouched], lrMult: 1},
      {variables: [bias], lrMult: 1, wdMult: 0},
    ]);
    const g = () => tf.tensor1d([0.5, -0.5]);
    tf.tidy(() => opt.step({[body.name]: g(), [head.name]: g(), [bias.name]: g(), [frozen.name]: g()}));
    // body: 1·(1 − 0.1·0.1) − 0.1·g; head: 1·(1 − 0.1) − g; bias: 1 − g
    expect(Array.from(body.dataSync())).toEqual([0.99 - 0.05, 0.99 + 0.05].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(head.dataSync())).toEqual([0.9 - 0.5, 0.9 + 0.5].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(bias.dataSync())).toEqual([0.5, 1.5]);
    expect(Array.from(frozen.dataSync())).toEqual([1, 1]);
    expect(Array.from(untouched.dataSync())).toEqual([1, 1]);
    expect(() => sgd()([{variables: [body], lrMult: 1}, {variables: [body], lrMult: 1}])).toThrow(/more than one/);
  });

  it('round-trips slot state through getState/setState', async () => {
    const make = () => tf.variable(tf.tensor1d(W0));
    const a = make();
    const optA = adam({lr: 0.01})([{variables: [a], lrMult: 1}]);
    for (const g of GRADS.slice(0, 2)) tf.tidy(() => optA.step({[a.name]: tf.tensor1d(g)}));
    const state = await optA.getState();
    expect(Object.keys(state).sort()).toEqual([`${a.name}/m`, `${a.name}/step`, `${a.name}/v`]);
    expect(state[`${a.name}/step`].values[0]).toBe(2);

    // A second variable named as the first was: restore into an optimizer over a copy of the weights.
    const b = tf.variable(a.clone());
    const optB = adam({lr: 0.01})([{variables: [b], lrMult: 1}]);
    const renamed = Object.fromEntries(Object.entries(state).map(([k, v]) => [k.replace(a.name, b.name), v]));
    optB.setState(renamed);
    tf.tidy(() => optA.step({[a.name]: tf.tensor1d(GRADS[2])}));
    tf.tidy(() => optB.step({[b.name]: tf.tensor1d(GRADS[2])}));
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()).map((v) => expect.closeTo(v, 6)));

    const wrong = {...renamed, [`${b.name}/m`]: {shape: [2], values: new Float32Array(2)}};
    expect(() => optB.setState(wrong)).toThrow(/has shape \[2\], the variable has \[3\]/);
  });

  it('keeps the tensor count flat across steps and frees its slots on dispose', () => {
    const w = tf.variable(tf.tensor1d(W0));
    const before = tf.memory().numTensors;
    const opt = adam()([{variables: [w], lrMult: 1}]);
    const g = tf.tensor1d(GRADS[0]);
    opt.step({[w.name]: g});
    const afterOne = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) opt.step({[w.name]: g});
    expect(tf.memory().numTensors).toBe(afterOne);
    opt.dispose();
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
