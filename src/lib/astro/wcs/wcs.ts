/**
 * Celestial WCS (Greisen & Calabretta 2002; Calabretta & Greisen 2002) for the projections cut-outs and surveys use:
 * TAN (gnomonic, optionally with SIP distortion), SIN (orthographic) and CAR (plate carrée). The linear part comes
 * from CDi_j, or PCi_j × CDELTi, or CDELTi with the legacy CROTA2, in that precedence. Pixel coordinates are FITS
 * 1-based: the centre of the first stored pixel is (1, 1); for a 0-based array index i use i + 1.
 */
import {FitsError} from '../../fits';
import {asHeader, type HeaderLike} from '../header-like';
import {sipFromHeader} from './sip';

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

/** A sky position in degrees. */
export interface SkyCoord {
  /** Longitude (right ascension for equatorial systems), in [0, 360). */
  ra: number;
  /** Latitude (declination), in [-90, 90]. */
  dec: number;
}

/** A pixel position in FITS 1-based coordinates: (1, 1) is the centre of the first stored pixel. */
export interface PixelCoord {
  x: number;
  y: number;
}

/** The projections this WCS implements. */
export type Projection = 'TAN' | 'SIN' | 'CAR';

/** A parsed celestial WCS. */
export interface Wcs {
  projection: Projection;
  /** CTYPE1/CTYPE2 as written. */
  ctype: [string, string];
  /** Reference pixel (1-based) and the sky position there (degrees). */
  crpix: [number, number];
  crval: [number, number];
  /** The linear transform in degrees per pixel, row-major [[CD1_1, CD1_2], [CD2_1, CD2_2]]. */
  cd: [[number, number], [number, number]];
  /** True when SIP distortion polynomials are applied. */
  sip: boolean;
  /** Pixel (1-based) → sky (degrees). */
  pixelToWorld(x: number, y: number): SkyCoord;
  /** Sky (degrees) → pixel (1-based); NaN when the position cannot be projected (e.g. the far hemisphere). */
  worldToPixel(ra: number, dec: number): PixelCoord;
  /** Pixel scale along each axis in arcsec per pixel (from the linear part). */
  pixelScale(): [number, number];
}

/** Reads the celestial WCS of a header. Throws a {@link FitsError} naming what is missing or unsupported. */
export function parseWcs(header: HeaderLike): Wcs {
  const h = asHeader(header);
  const ctype1 = (h.getString('CTYPE1') ?? '').trim().toUpperCase();
  const ctype2 = (h.getString('CTYPE2') ?? '').trim().toUpperCase();
  if (!ctype1 || !ctype2) throw new FitsError('no celestial WCS: CTYPE1/CTYPE2 are missing', {hdu: h.hduIndex});
  const projection = ctype1.slice(5, 8) as Projection;
  if (ctype2.slice(5, 8) !== projection) throw new FitsError(`CTYPE1 = '${ctype1}' and CTYPE2 = '${ctype2}' use different projections`, h.locate('CTYPE2'));
  if (!['TAN', 'SIN', 'CAR'].includes(projection)) {
    throw new FitsError(`projection ${JSON.stringify(projection)} (CTYPE1 = '${ctype1}') is not supported; TAN, SIN and CAR are`, h.locate('CTYPE1'));
  }
  const latFirst = /^(DEC|GLAT|ELAT|SLAT|HLAT)-/.test(ctype1);
  for (const i of [1, 2]) {
    const unit = (h.getString(`CUNIT${i}`) ?? 'deg').trim().toLowerCase();
    if (unit !== 'deg' && unit !== '') throw new FitsError(`CUNIT${i} = '${unit}': only degrees are supported for celestial axes`, h.locate(`CUNIT${i}`));
  }
  if (projection === 'SIN' && (h.optionalNumber('PV2_1', 0) !== 0 || h.optionalNumber('PV2_2', 0) !== 0)) {
    throw new FitsError('SIN with PV2_1/PV2_2 (slant orthographic, NCP) is not supported', h.locate('PV2_1'));
  }
  const crpix: [number, number] = [h.optionalNumber('CRPIX1', 0), h.optionalNumber('CRPIX2', 0)];
  const crval: [number, number] = [h.optionalNumber('CRVAL1', 0), h.optionalNumber('CRVAL2', 0)];
  const cd = linearPart(h);
  const det = cd[0][0] * cd[1][1] - cd[0][1] * cd[1][0];
  if (det === 0 || !Number.isFinite(det)) throw new FitsError('the WCS matrix (CD, PC × CDELT or CDELT) is singular', h.locate('CD1_1'));
  const inv = [
    [cd[1][1] / det, -cd[0][1] / det],
    [-cd[1][0] / det, cd[0][0] / det],
  ];
  const sip = ctype1.endsWith('-SIP') ? sipFromHeader(h) : undefined;
  const [lng0, lat0] = latFirst ? [crval[1], crval[0]] : crval;
  const rotation = celestialRotation(projection, lng0, lat0, h.get('LONPOLE'), h.get('LATPOLE'));

  const pixelToWorld = (x: number, y: number): SkyCoord => {
    let u = x - crpix[0];
    let v = y - crpix[1];
    if (sip) [u, v] = sip.forward(u, v);
    const ix = cd[0][0] * u + cd[0][1] * v;
    const iy = cd[1][0] * u + cd[1][1] * v;
    const [phi, theta] = deproject(projection, ix, iy);
    const sky = rotation.toCelestial(phi, theta);
    return latFirst ? {ra: sky.lat, dec: sky.lng} : {ra: sky.lng, dec: sky.lat};
  };
  const worldToPixel = (ra: number, dec: number): PixelCoord => {
    const [lng, lat] = latFirst ? [dec, ra] : [ra, dec];
    const {phi, theta} = rotation.toNative(lng, lat);
    const [ix, iy] = project(projection, phi, theta);
    let u = inv[0][0] * ix + inv[0][1] * iy;
    let v = inv[1][0] * ix + inv[1][1] * iy;
    if (sip) [u, v] = sip.inverse(u, v);
    return {x: u + crpix[0], y: v + crpix[1]};
  };
  return {
    projection,
    ctype: [ctype1, ctype2],
    crpix,
    crval,
    cd,
    sip: sip !== undefined,
    pixelToWorld,
    worldToPixel,
    pixelScale: () => [Math.hypot(cd[0][0], cd[1][0]) * 3600, Math.hypot(cd[0][1], cd[1][1]) * 3600],
  };
}

/** The linear part in degrees per pixel: CDi_j, else PCi_j × CDELTi, else CDELTi with CROTA2. */
function linearPart(h: ReturnType<typeof asHeader>): [[number, number], [number, number]] {
  const n = (k: string, d: number) => h.optionalNumber(k, d);
  if (['CD1_1', 'CD1_2', 'CD2_1', 'CD2_2'].some((k) => h.has(k))) {
    return [
      [n('CD1_1', 0), n('CD1_2', 0)],
      [n('CD2_1', 0), n('CD2_2', 0)],
    ];
  }
  const c1 = n('CDELT1', 1);
  const c2 = n('CDELT2', 1);
  if (['PC1_1', 'PC1_2', 'PC2_1', 'PC2_2'].some((k) => h.has(k)) || !h.has('CROTA2')) {
    return [
      [n('PC1_1', 1) * c1, n('PC1_2', 0) * c1],
      [n('PC2_1', 0) * c2, n('PC2_2', 1) * c2],
    ];
  }
  const rho = n('CROTA2', 0) * D2R;
  const cos = Math.cos(rho);
  const sin = Math.sin(rho);
  return [
    [c1 * cos, -c2 * sin],
    [c1 * sin, c2 * cos],
  ];
}

/** Intermediate world coordinates (degrees) → native spherical (φ, θ) in degrees. */
function deproject(projection: Projection, x: number, y: number): [number, number] {
  if (projection === 'CAR') return [x, y];
  const r = Math.hypot(x, y);
  const phi = r === 0 ? 0 : Math.atan2(x, -y) * R2D;
  if (projection === 'TAN') return [phi, Math.atan2(R2D, r) * R2D];
  const s = r * D2R;
  return [phi, s > 1 ? NaN : Math.acos(s) * R2D];
}

/** Native spherical (φ, θ) → intermediate world coordinates in degrees. */
function project(projection: Projection, phi: number, theta: number): [number, number] {
  if (projection === 'CAR') return [wrap180(phi), theta];
  const p = phi * D2R;
  const t = theta * D2R;
  if (projection === 'TAN') {
    if (theta <= 0) return [NaN, NaN];
    const r = (R2D * Math.cos(t)) / Math.sin(t);
    return [r * Math.sin(p), -r * Math.cos(p)];
  }
  if (theta < 0) return [NaN, NaN];
  const r = R2D * Math.cos(t);
  return [r * Math.sin(p), -r * Math.cos(p)];
}

function wrap180(a: number): number {
  const w = ((((a + 180) % 360) + 360) % 360) - 180;
  return w === -180 && a > 0 ? 180 : w;
}

function wrap360(a: number): number {
  const w = ((a % 360) + 360) % 360;
  return w === 360 ? 0 : w;
}

interface Rotation {
  toCelestial(phi: number, theta: number): {lng: number; lat: number};
  toNative(lng: number, lat: number): {phi: number; theta: number};
}

/**
 * The spherical rotation between native (φ, θ) and celestial coordinates, from the celestial position of the native
 * reference point (φ0, θ0) = (0, 90) for zenithal projections, (0, 0) for CAR, and LONPOLE/LATPOLE (C&G 2002 §2.4).
 */
function celestialRotation(projection: Projection, alpha0: number, delta0: number, lonpole: unknown, latpole: unknown): Rotation {
  const theta0 = projection === 'CAR' ? 0 : 90;
  const phi0 = 0;
  const phiP = typeof lonpole === 'number' ? lonpole : delta0 >= theta0 ? 0 : 180;
  let alphaP: number;
  let deltaP: number;
  if (theta0 === 90) {
    alphaP = alpha0;
    deltaP = delta0;
  } else {
    const dphi = (phi0 - phiP) * D2R;
    const a = Math.sin(theta0 * D2R);
    const b = Math.cos(theta0 * D2R) * Math.cos(dphi);
    const norm = Math.hypot(a, b);
    const t = Math.sin(delta0 * D2R) / norm;
    if (Math.abs(t) > 1 + 1e-12) throw new FitsError(`no celestial pole is consistent with CRVAL2 = ${delta0} and LONPOLE = ${phiP}`);
    const psi = Math.atan2(a, b) * R2D;
    const d = Math.acos(Math.max(-1, Math.min(1, t))) * R2D;
    const target = typeof latpole === 'number' ? latpole : 90;
    const candidates = [psi + d, psi - d].map(wrap180).filter((x) => x >= -90 - 1e-12 && x <= 90 + 1e-12);
    if (candidates.length === 0) throw new FitsError(`no valid celestial pole latitude for CRVAL2 = ${delta0}`);
    deltaP = candidates.reduce((best, c) => (Math.abs(c - target) < Math.abs(best - target) ? c : best));
    const dp = deltaP * D2R;
    const th0 = theta0 * D2R;
    alphaP = alpha0 - Math.atan2(-Math.cos(th0) * Math.sin(dphi), Math.sin(th0) * Math.cos(dp) - Math.cos(th0) * Math.sin(dp) * Math.cos(dphi)) * R2D;
  }
  const sinDp = Math.sin(deltaP * D2R);
  const cosDp = Math.cos(deltaP * D2R);
  return {
    toCelestial(phi, theta) {
      const dphi = (phi - phiP) * D2R;
      const t = theta * D2R;
      const a = -Math.cos(t) * Math.sin(dphi);
      const b = Math.sin(t) * cosDp - Math.cos(t) * sinDp * Math.cos(dphi);
      const c = Math.sin(t) * sinDp + Math.cos(t) * cosDp * Math.cos(dphi);
      return {lng: wrap360(alphaP + Math.atan2(a, b) * R2D), lat: Math.atan2(c, Math.hypot(a, b)) * R2D};
    },
    toNative(lng, lat) {
      const da = (lng - alphaP) * D2R;
      const d = lat * D2R;
      const a = -Math.cos(d) * Math.sin(da);
      const b = Math.sin(d) * cosDp - Math.cos(d) * sinDp * Math.cos(da);
      const c = Math.sin(d) * sinDp + Math.cos(d) * cosDp * Math.cos(da);
      return {phi: phiP + Math.atan2(a, b) * R2D, theta: Math.atan2(c, Math.hypot(a, b)) * R2D};
    },
  };
}


