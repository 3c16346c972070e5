/** What {@link getOrCreate} needs of a map: a `Map` or a `WeakMap`. */
interface KeyedStore<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value at `key`, created with `create` and stored when absent. */
export function getOrCreate<K, V>(map: KeyedStore<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
