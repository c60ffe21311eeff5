// GraphQL documents are bundled as text (build.mjs: loader ".graphql": "text").
declare module "*.graphql" {
  const text: string;
  export default text;
}

// cytoscape-fcose ships no types; it is a cytoscape extension registered with cytoscape.use().
declare module "cytoscape-fcose" {
  import type { Ext } from "cytoscape";
  const fcose: Ext;
  export default fcose;
}
