/**
 * A cell's checkpoint key: a hash of its code and of the code of every cell it depends on (sorted, so cell order
 * and cell ids do not matter: the same notebook opened from a link finds its checkpoints). Change any of that code
 * and the saved training no longer applies.
 */
export async function checkpointKey(source: string, upstreamSources: readonly string[]): Promise<string> {
  const text = JSON.stringify([source, [...upstreamSources].sort()]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return 'cell-' + Array.from(new Uint8Array(digest).slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}
