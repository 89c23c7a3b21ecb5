/** Written by curriculum-titles-plugin.ts: shipped notebook path → its title. */
declare module 'virtual:deep-sky/curriculum-titles' {
  const titles: Record<string, string>;
  export default titles;
}
