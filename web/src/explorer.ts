// The full graph explorer (/explore?center=...).
import { createGraph, fetchSlice } from "./graph";

async function start(root: HTMLElement): Promise<void> {
  const status = root.querySelector<HTMLElement>("[data-explorer-status]");
  const center = root.dataset.center;
  if (!center || !status) return;
  const canvas = document.createElement("div");
  canvas.className = "slice-canvas";
  root.append(canvas);
  const slice = await fetchSlice(center, 150);
  createGraph(canvas, slice);
  status.textContent = `Showing ${slice.nodes.length} nodes.`;
}

for (const root of document.querySelectorAll<HTMLElement>("[data-explorer]")) {
  void start(root);
}
