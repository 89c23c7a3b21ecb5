export {SeededRandom} from './random';
export {sersicBn} from './sersic';
export {SURVEY_BANDS, SYNTHETIC_TYPES, type SurveyBand, type SyntheticType} from './galaxy-model';
export {
  BAND_INFO,
  generateSyntheticSurvey,
  PIXEL_SCALE,
  surveyCatalog,
  syntheticGalaxy,
  syntheticSurveyFiles,
  type SyntheticGalaxy,
  type SyntheticSurvey,
  type SyntheticSurveyOptions,
} from './survey';
