/** The virtual module made by build/lib-types-plugin.ts (its shape is build/lib-types.ts's LibTypes). */
declare module 'virtual:deep-sky/lib-types' {
  const types: {files: Record<string, string>; roots: string[]; exports: string[]};
  export default types;
}
