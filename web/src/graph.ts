// Drawing graph slices with Cytoscape.js and the fcose layout: shared by the profile's embedded
// slice and the full explorer.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

import sliceDocument from "../../service/web/queries/slice.graphql";
import { graphql } from "./gql";
import { LOOK, type Kind } from "./kinds";

cytoscape.use(fcose);

export interface SliceNode {
  id: string;
  kind: Kind;
  label: string;
  weight: number | null;
  year?: number | null;
  citations?: number | null;
}
export interface SliceEdge {
  source: string;
  target: string;
  kind: string;
  weight: number | null;
}
export interface Slice {
  center: string;
  truncated: boolean;
  total: number;
  nodes: SliceNode[];
  edges: SliceEdge[];
}

export interface SliceRequest {
  kinds?: Kind[] | null;
  years?: { from: number | null; to: number | null } | null;
  exclude?: string[];
}

export async function fetchSlice(
  center: string,
  maxNodes: number,
  request: SliceRequest = {},
): Promise<Slice> {
  const data = await graphql<{ graphSlice: Slice }>(sliceDocument, {
    center,
    maxNodes,
    kinds: request.kinds ?? null,
    years: request.years ?? null,
    exclude: request.exclude ?? null,
  });
  return data.graphSlice;
}

function short(label: string): string {
  return label.length > 38 ? `${label.slice(0, 36)}…` : label;
}

export function nodeElement(node: SliceNode, center: boolean): cytoscape.ElementDefinition {
  const look = LOOK[node.kind];
  return {
    group: "nodes",
    data: {
      id: node.id,
      kind: node.kind,
      label: node.label || node.id,
      short: short(node.label || node.id),
      weight: node.weight ?? 0,
      size: node.weight ?? 0,
      year: node.year ?? null,
      citations: node.citations ?? null,
      shape: look.shape,
      colour: look.colour,
      center: center ? 1 : 0,
    },
  };
}

export function edgeId(edge: SliceEdge): string {
  return `${edge.source}|${edge.kind}|${edge.target}`;
}

export function edgeElement(edge: SliceEdge): cytoscape.ElementDefinition {
  return {
    group: "edges",
    data: { id: edgeId(edge), source: edge.source, target: edge.target, kind: edge.kind },
  };
}

export function elements(slice: Slice): cytoscape.ElementDefinition[] {
  return [
    ...slice.nodes.map((n) => nodeElement(n, n.id === slice.center)),
    ...slice.edges.map(edgeElement),
  ];
}

export const STYLE: cytoscape.StylesheetJson = [
  {
    selector: "node",
    style: {
      shape: "data(shape)" as unknown as cytoscape.Css.NodeShape,
      "background-color": "data(colour)",
      label: "data(short)",
      "font-size": 9,
      color: "#1a1d23",
      "text-valign": "bottom",
      "text-margin-y": 3,
      "text-wrap": "ellipsis",
      "text-max-width": "120px",
      width: "mapData(size, 0, 1, 14, 40)",
      height: "mapData(size, 0, 1, 14, 40)",
      "border-width": 1,
      "border-color": "#ffffff",
    },
  },
  { selector: "node[center = 1]", style: { width: 40, height: 40, "font-weight": "bold", "font-size": 11 } },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#f59e0b" } },
  { selector: "node.pinned", style: { "border-style": "double", "border-width": 4, "border-color": "#111827" } },
  { selector: "node.on-path", style: { "border-width": 5, "border-color": "#dc2626" } },
  {
    selector: "edge",
    style: { width: 1, "line-color": "#b8bfcc", "curve-style": "haystack", opacity: 0.8 },
  },
  {
    selector: 'edge[kind = "CITES"]',
    style: {
      "curve-style": "bezier",
      "target-arrow-shape": "triangle",
      "target-arrow-color": "#b8bfcc",
      "arrow-scale": 0.6,
    },
  },
  {
    selector: 'edge[kind ^= "VIA_"]',
    style: { "line-style": "dashed", "line-color": "#8b93a3", "curve-style": "straight" },
  },
  { selector: "edge.on-path", style: { width: 4, "line-color": "#dc2626", "z-index": 10 } },
];

export function layout(cy: cytoscape.Core, fixed: string[] = []): cytoscape.Layouts {
  const constraint = fixed
    .map((id) => cy.getElementById(id))
    .filter((n) => n.nonempty())
    .map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
  const options = {
    name: "fcose",
    quality: "default",
    randomize: constraint.length === 0,
    animate: false,
    nodeDimensionsIncludeLabels: false,
    nodeRepulsion: 7000,
    idealEdgeLength: 70,
    numIter: 1500,
    fixedNodeConstraint: constraint.length > 0 ? constraint : undefined,
    fit: constraint.length === 0,
    padding: 24,
  } as unknown as cytoscape.LayoutOptions;
  return cy.layout(options);
}

export function createGraph(container: HTMLElement, slice: Slice): cytoscape.Core {
  const cy = cytoscape({
    container,
    elements: elements(slice),
    style: STYLE,
    minZoom: 0.2,
    maxZoom: 3,
    boxSelectionEnabled: false,
  });
  layout(cy).run();
  return cy;
}
