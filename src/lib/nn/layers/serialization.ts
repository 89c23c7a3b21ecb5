/** Helpers for custom layers: turning nested tfjs objects (initializers, regularizers) into configs and back. */
import * as tf from '@tensorflow/tfjs';

/** A tfjs object that serialises as `{className, config}` (initializers, regularizers). */
type SerializableObject = tf.serialization.Serializable;

/** `{className, config}` for a tfjs object, the form tfjs-layers writes into model.json. */
export function serializeObject(value: SerializableObject | undefined): tf.serialization.ConfigDict | null {
  if (value === undefined) return null;
  return {className: value.getClassName(), config: value.getConfig()};
}

/**
 * The object back from `{className, config}` (as read from a model.json), or the value itself when it is already an
 * object. The class must be registered with `tf.serialization.registerClass`.
 */
export function reviveObject<T extends SerializableObject>(value: unknown, what: string): T | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof tf.serialization.Serializable) return value as T;
  const dict = value as {className?: unknown; config?: tf.serialization.ConfigDict};
  if (typeof dict.className !== 'string') throw new Error(`${what}: expected a {className, config} object, got ${JSON.stringify(value)}`);
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[dict.className];
  if (!entry) throw new Error(`${what}: unknown class '${dict.className}' (is it registered with tf.serialization.registerClass?)`);
  const [cls, fromConfig] = entry;
  return fromConfig(cls, dict.config ?? {}) as T;
}
