/**
 * The Barnes–Hut approximation of t-SNE's repulsive forces in 2-D: a quadtree over the embedding; a cell far enough
 * from a point (cell width / distance < θ) acts as one body at its centre of mass. θ = 0 visits every point, which
 * is exact. The tree lives in flat typed arrays (one record per cell, for cache locality) reused from one iteration
 * to the next.
 */

/** Deeper than this, points share a leaf (they are closer than 2^-40 of the layout's width). */
const MAX_DEPTH = 40;

/** Fields of a cell record in `cells`. */
const MASS_X = 0;
const MASS_Y = 1;
const CENTRE_X = 2;
const CENTRE_Y = 3;
const HALF = 4;
const COUNT = 5;
const STRIDE = 6;

/** A quadtree over 2-D points that answers t-SNE's repulsion sums (build once per iteration, then query per point). */
export class QuadTree {
  private capacity = 0;
  private nodes = 0;
  /** Per cell: centre of mass (a sum while building), centre, half width, point count. */
  private cells = new Float64Array(0);
  /** Per cell: first of its four children, or -1 for a leaf. */
  private child = new Int32Array(0);
  /** Per cell: first point of a leaf (-1 when empty); further points of the leaf follow `nextPoint`. */
  private point = new Int32Array(0);
  private nextPoint = new Int32Array(0);
  private stack = new Int32Array(4 * MAX_DEPTH + 8);
  private positions: Float64Array = new Float64Array(0);

  /** Rebuilds the tree over `positions` (x, y interleaved, `n` points). */
  build(positions: Float64Array, n: number): void {
    this.positions = positions;
    if (this.nextPoint.length < n) this.nextPoint = new Int32Array(n);
    this.nodes = 0;
    this.ensure(Math.max(16, 4 * n));
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, positions[2 * i]);
      maxX = Math.max(maxX, positions[2 * i]);
      minY = Math.min(minY, positions[2 * i + 1]);
      maxY = Math.max(maxY, positions[2 * i + 1]);
    }
    const half = (Math.max(maxX - minX, maxY - minY, 1e-12) / 2) * (1 + 1e-9);
    this.newNode((minX + maxX) / 2, (minY + maxY) / 2, half);
    for (let i = 0; i < n; i++) this.insert(i);
    const cells = this.cells;
    for (let node = 0; node < this.nodes; node++) {
      const c = node * STRIDE;
      if (cells[c + COUNT] > 0) {
        cells[c + MASS_X] /= cells[c + COUNT];
        cells[c + MASS_Y] /= cells[c + COUNT];
      }
    }
  }

  /**
   * Adds point `i`'s repulsion to `force` (at `2i`, `2i + 1`): Σ_j q_ij² (y_i − y_j) with q_ij = 1 / (1 + |y_i − y_j|²),
   * and returns Σ_j q_ij (its share of the normalisation Z), over all j ≠ i, cells summarised by `theta`.
   */
  repulsion(i: number, theta: number, force: Float64Array): number {
    // Locals instead of fields: this loop is most of t-SNE's time.
    const {positions: pos, stack, cells, child, point, nextPoint} = this;
    const xi = pos[2 * i];
    const yi = pos[2 * i + 1];
    const theta2 = theta * theta;
    let top = 0;
    if (cells[COUNT] > 0) stack[top++] = 0;
    let z = 0;
    let fx = 0;
    let fy = 0;
    while (top > 0) {
      const node = stack[--top];
      const first = child[node];
      if (first < 0) {
        for (let j = point[node]; j >= 0; j = nextPoint[j]) {
          if (j === i) continue;
          const dx = xi - pos[2 * j];
          const dy = yi - pos[2 * j + 1];
          const q = 1 / (1 + dx * dx + dy * dy);
          z += q;
          fx += q * q * dx;
          fy += q * q * dy;
        }
        continue;
      }
      const c = node * STRIDE;
      const dx = xi - cells[c + MASS_X];
      const dy = yi - cells[c + MASS_Y];
      const d2 = dx * dx + dy * dy;
      const h = cells[c + HALF];
      // Summarise cells that are far enough, unless they contain the point itself (possible when theta > 0.7).
      if (4 * h * h < theta2 * d2 && (Math.abs(xi - cells[c + CENTRE_X]) > h || Math.abs(yi - cells[c + CENTRE_Y]) > h)) {
        const q = 1 / (1 + d2);
        const nq = cells[c + COUNT] * q;
        z += nq;
        fx += nq * q * dx;
        fy += nq * q * dy;
        continue;
      }
      for (let k = first; k < first + 4; k++) if (cells[k * STRIDE + COUNT] > 0) stack[top++] = k;
    }
    force[2 * i] += fx;
    force[2 * i + 1] += fy;
    return z;
  }

  private ensure(capacity: number): void {
    if (capacity <= this.capacity) return;
    const cells = new Float64Array(capacity * STRIDE);
    cells.set(this.cells.subarray(0, this.nodes * STRIDE));
    const child = new Int32Array(capacity);
    child.set(this.child.subarray(0, this.nodes));
    const point = new Int32Array(capacity);
    point.set(this.point.subarray(0, this.nodes));
    this.cells = cells;
    this.child = child;
    this.point = point;
    this.capacity = capacity;
  }

  private newNode(cx: number, cy: number, half: number): number {
    if (this.nodes === this.capacity) this.ensure(this.capacity * 2);
    const node = this.nodes++;
    this.cells.fill(0, node * STRIDE, (node + 1) * STRIDE);
    this.cells[node * STRIDE + CENTRE_X] = cx;
    this.cells[node * STRIDE + CENTRE_Y] = cy;
    this.cells[node * STRIDE + HALF] = half;
    this.child[node] = -1;
    this.point[node] = -1;
    return node;
  }

  private quadrant(node: number, x: number, y: number): number {
    const c = node * STRIDE;
    return this.child[node] + (x > this.cells[c + CENTRE_X] ? 1 : 0) + (y > this.cells[c + CENTRE_Y] ? 2 : 0);
  }

  private insert(i: number): void {
    const pos = this.positions;
    const x = pos[2 * i];
    const y = pos[2 * i + 1];
    this.nextPoint[i] = -1;
    let node = 0;
    for (let depth = 0; ; depth++) {
      const c = node * STRIDE;
      this.cells[c + COUNT]++;
      this.cells[c + MASS_X] += x;
      this.cells[c + MASS_Y] += y;
      if (this.child[node] >= 0) {
        node = this.quadrant(node, x, y);
        continue;
      }
      const resident = this.point[node];
      if (resident < 0 || depth >= MAX_DEPTH || (pos[2 * resident] === x && pos[2 * resident + 1] === y)) {
        this.nextPoint[i] = resident;
        this.point[node] = i;
        return;
      }
      // Split the leaf: its points (one position) move to the child they fall in, then the new point descends.
      const h = this.cells[c + HALF] / 2;
      const cx = this.cells[c + CENTRE_X];
      const cy = this.cells[c + CENTRE_Y];
      const first = this.newNode(cx - h, cy - h, h);
      this.newNode(cx + h, cy - h, h);
      this.newNode(cx - h, cy + h, h);
      this.newNode(cx + h, cy + h, h);
      this.child[node] = first;
      // `cells` may have been reallocated by newNode: index it afresh.
      const parent = node * STRIDE;
      const target = this.quadrant(node, pos[2 * resident], pos[2 * resident + 1]);
      const t = target * STRIDE;
      this.cells[t + COUNT] = this.cells[parent + COUNT] - 1;
      this.cells[t + MASS_X] = this.cells[parent + MASS_X] - x;
      this.cells[t + MASS_Y] = this.cells[parent + MASS_Y] - y;
      this.point[target] = resident;
      this.point[node] = -1;
      node = this.quadrant(node, x, y);
    }
  }
}
