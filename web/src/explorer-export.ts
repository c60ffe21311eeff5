// Exports of what is on screen: the picture as PNG, the nodes and edges as CSV.
import type cytoscape from "cytoscape";

function download(name: string, blob: Blob): void {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

type Cell = string | number | boolean | null | undefined;

function cell(value: Cell): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(rows: Cell[][]): string {
  return rows.map((row) => row.map(cell).join(",")).join("\n") + "\n";
}

export function nodesCsv(cy: cytoscape.Core): string {
  const rows: Cell[][] = [["id", "kind", "label", "weight", "year", "citations", "degree"]];
  cy.nodes().forEach((n) => {
    const data = (key: string): Cell => n.data(key) as Cell;
    rows.push([n.id(), data("kind"), data("label"), data("weight"), data("year"), data("citations"),
      n.degree(false)]);
  });
  return csv(rows);
}

export function edgesCsv(cy: cytoscape.Core): string {
  const rows: Cell[][] = [["source", "target", "kind"]];
  cy.edges().forEach((e) => {
    rows.push([e.data("source") as Cell, e.data("target") as Cell, e.data("kind") as Cell]);
  });
  return csv(rows);
}

export function exportGraph(cy: cytoscape.Core, what: string, center: string): void {
  const base = `graph-${center.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
  if (what === "png") {
    const png = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
    download(`${base}.png`, png);
  } else if (what === "nodes") {
    download(`${base}-nodes.csv`, new Blob([nodesCsv(cy)], { type: "text/csv" }));
  } else if (what === "edges") {
    download(`${base}-edges.csv`, new Blob([edgesCsv(cy)], { type: "text/csv" }));
  }
}
