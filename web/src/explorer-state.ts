// The explorer's state lives in the URL, so a reload or a shared link draws the same graph:
// the center, the nodes expanded (in order), the nodes hidden, the kinds shown, the years, the
// sizing and the expansion budget.
import { KINDS, type Kind } from "./kinds";

export type SizeBy = "weight" | "degree" | "citations";

export interface ExplorerState {
  center: string;
  expanded: string[];
  hidden: string[];
  kinds: Kind[];
  from: number | null;
  to: number | null;
  size: SizeBy;
  budget: number;
}

function list(value: string | null): string[] {
  return value ? value.split(",").map(decodeURIComponent).filter((v) => v.length > 0) : [];
}

function year(value: string | null): number | null {
  const parsed = value ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isFinite(parsed) && parsed >= 1000 && parsed <= 3000 ? parsed : null;
}

export function readState(url: URL, fallback: string): ExplorerState {
  const q = url.searchParams;
  const kinds = list(q.get("kinds")).filter((k): k is Kind => (KINDS as string[]).includes(k));
  const size = q.get("size");
  const budget = Number.parseInt(q.get("budget") ?? "", 10);
  return {
    center: q.get("center") || fallback,
    expanded: list(q.get("expanded")),
    hidden: list(q.get("hidden")),
    kinds: q.has("kinds") ? kinds : [...KINDS],
    from: year(q.get("from")),
    to: year(q.get("to")),
    size: size === "degree" || size === "citations" ? size : "weight",
    budget: [10, 25, 50, 100].includes(budget) ? budget : 25,
  };
}

export function stateUrl(state: ExplorerState): string {
  const q = new URLSearchParams({ center: state.center });
  const join = (ids: string[]): string => ids.map(encodeURIComponent).join(",");
  if (state.expanded.length) q.set("expanded", join(state.expanded));
  if (state.hidden.length) q.set("hidden", join(state.hidden));
  if (state.kinds.length !== KINDS.length) q.set("kinds", state.kinds.join(","));
  if (state.from !== null) q.set("from", String(state.from));
  if (state.to !== null) q.set("to", String(state.to));
  if (state.size !== "weight") q.set("size", state.size);
  if (state.budget !== 25) q.set("budget", String(state.budget));
  return `/explore?${q.toString()}`;
}

export function saveState(state: ExplorerState): void {
  window.history.replaceState(null, "", stateUrl(state));
}
