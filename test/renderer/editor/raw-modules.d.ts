// Fixtures are read with Vite's `?raw` suffix: the renderer test project has no Node types.
declare module '*?raw' {
  const content: string;
  export default content;
}
