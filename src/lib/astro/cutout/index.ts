export {
  catalogCutouts,
  centerPixel,
  cutout,
  cutoutFromFile,
  cutoutToFits,
  cutoutToPng,
  type CatalogCutout,
  type CatalogCutoutOptions,
  type Cutout,
  type CutoutCenter,
  type CutoutSource,
} from './cutout';
