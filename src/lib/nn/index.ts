/**
 * Layers, blocks and models (tfjs-layers `LayersModel`s, so they train with `model.fit` or custom loops and save in
 * the tfjs layers format), weight initialisers, freezing by layer groups, `summary`, state dicts and persistence.
 *
 * Classifiers output logits (the losses take logits); Nielsen's chapter 1–3 nets output sigmoid activations as in
 * the book.
 */
export {layerGroups, setLayerGroups} from './layer-groups';
export * from './init';
export * from './layers';
export * from './blocks';
export * from './models';
export {freezeBody, freezeTo, unfreeze, type FreezeOptions} from './freeze';
export {summary, type LayerSummary, type ModelSummary} from './summary';
export {
  addStateDicts,
  compareStateDicts,
  disposeStateDict,
  getStateDict,
  meanStateDicts,
  namedWeights,
  scaleStateDict,
  setStateDict,
  stateDictFromArrays,
  stateDictToArrays,
  subStateDicts,
  weightedMeanStateDicts,
  type GetStateDictOptions,
  type SetStateDictOptions,
  type StateDict,
  type StateDictArrays,
} from './state-dict';
export {
  deleteIndexedDbModel,
  listIndexedDbModels,
  loadModel,
  loadModelFromIndexedDb,
  modelFromFiles,
  modelToFiles,
  saveModel,
  saveModelToIndexedDb,
  type ModelFile,
  type ModelFileInput,
} from './persistence';
