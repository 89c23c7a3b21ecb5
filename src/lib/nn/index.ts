export {layerGroups, setLayerGroups} from './layer-groups';
