/**
 * Point-spread functions and convolution for synthetic stamps. A Gaussian PSF is applied separably (two 1-D passes,
 * fast enough for thousands of stamps); a Moffat PSF, f(r) ∝ (1 + r²/γ²)^(-β) with FWHM = 2γ√(2^(1/β) - 1), is applied
 * as a direct 2-D kernel. Kernels are normalised to unit sum; edges are treated as zero (light leaving the stamp).
 */

/** PSF shape and width (FWHM in pixels). */
export interface PsfSpec {
  kind: 'gaussian' | 'moffat';
  fwhm: number;
  /** Moffat β (default 3.5). */
  beta?: number;
}

/** Convolves a size × size image with the PSF, returning a new image. */
export function convolvePsf(image: Float32Array, size: number, psf: PsfSpec): Float32Array {
  return psf.kind === 'gaussian' ? gaussianBlur(image, size, psf.fwhm / 2.3548200450309493) : convolve2d(image, size, moffatKernel(psf.fwhm, psf.beta ?? 3.5));
}

/** A normalised 1-D Gaussian kernel (pixel-sampled) out to 3.5σ (99.95% of the light). */
export function gaussianKernel1d(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(3.5 * sigma));
  const k = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += k[i + radius] = Math.exp((-0.5 * i * i) / (sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

// Two 1-D passes, each streaming whole rows (kernel tap outermost) so the inner loop is a plain multiply-add.
function gaussianBlur(image: Float32Array, size: number, sigma: number): Float32Array {
  const k = gaussianKernel1d(sigma);
  const r = (k.length - 1) / 2;
  const tmp = new Float32Array(image.length);
  const out = new Float32Array(image.length);
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let i = -r; i <= r; i++) {
      const w = k[i + r];
      const x1 = i > 0 ? size - i : size;
      for (let x = i < 0 ? -i : 0; x < x1; x++) tmp[row + x] += w * image[row + x + i];
    }
  }
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let i = Math.max(-r, -y); i <= Math.min(r, size - 1 - y); i++) {
      const w = k[i + r];
      const src = (y + i) * size;
      for (let x = 0; x < size; x++) out[row + x] += w * tmp[src + x];
    }
  }
  return out;
}

/** A normalised 2-D Moffat kernel (odd size, out to where it falls below 0.1% of its peak or 4 FWHM). */
export function moffatKernel(fwhm: number, beta: number): {size: number; values: Float32Array} {
  const gamma = fwhm / (2 * Math.sqrt(2 ** (1 / beta) - 1));
  const rmax = Math.min(4 * fwhm, gamma * Math.sqrt(1000 ** (1 / beta) - 1));
  const radius = Math.max(1, Math.ceil(rmax));
  const size = 2 * radius + 1;
  const values = new Float32Array(size * size);
  let sum = 0;
  for (let j = -radius; j <= radius; j++) {
    for (let i = -radius; i <= radius; i++) {
      const v = (1 + (i * i + j * j) / (gamma * gamma)) ** -beta;
      values[(j + radius) * size + i + radius] = v;
      sum += v;
    }
  }
  for (let i = 0; i < values.length; i++) values[i] /= sum;
  return {size, values};
}

function convolve2d(image: Float32Array, size: number, kernel: {size: number; values: Float32Array}): Float32Array {
  const out = new Float32Array(image.length);
  const r = (kernel.size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = image[y * size + x];
      if (v === 0) continue;
      // Scatter: cheap for the many empty pixels of a stamp.
      const jlo = Math.max(-r, -y);
      const jhi = Math.min(r, size - 1 - y);
      const ilo = Math.max(-r, -x);
      const ihi = Math.min(r, size - 1 - x);
      for (let j = jlo; j <= jhi; j++) {
        const krow = (j + r) * kernel.size + r;
        const orow = (y + j) * size + x;
        for (let i = ilo; i <= ihi; i++) out[orow + i] += v * kernel.values[krow + i];
      }
    }
  }
  return out;
}
