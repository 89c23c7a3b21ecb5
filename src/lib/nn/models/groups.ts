/** Records a library model's layer groups from the prefixes of its (deterministic) layer names. */
import type * as tf from '@tensorflow/tfjs';
import {setLayerGroups} from '../layer-groups';

/**
 * Puts every non-input layer into the group one of whose prefixes its name starts with (`prefix` or `prefix_…`),
 * then records the groups with `setLayerGroups`. Throws if a layer matches no group, which catches naming slips
 * when a model builder changes.
 */
export function groupLayersByPrefix(model: tf.LayersModel, groups: readonly (readonly string[])[]): void {
  const assigned: string[][] = groups.map(() => []);
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const g = groups.findIndex((prefixes) => prefixes.some((p) => layer.name === p || layer.name.startsWith(`${p}_`)));
    if (g < 0) throw new Error(`${model.name}: layer '${layer.name}' belongs to no layer group (${JSON.stringify(groups)})`);
    assigned[g].push(layer.name);
  }
  setLayerGroups(model, assigned);
}
