export {
  classIndex,
  fractionsFromColumns,
  GALAXY_CLASSES,
  huertasCompanyLabel,
  REGRESSION_TARGETS,
  regressionTargets,
  type FractionColumns,
  type GalaxyClass,
  type GalaxyFractions,
} from './labels';
export {
  buildGalaxyDataset,
  galaxyDatasetTensors,
  galaxyImage,
  galaxySampleFromFits,
  galaxySamplesFromSurvey,
  THESIS_GALAXY_OPTIONS,
  type GalaxyBands,
  type GalaxyDataset,
  type GalaxyImage,
  type GalaxyImageOptions,
  type GalaxySample,
} from './dataset';
