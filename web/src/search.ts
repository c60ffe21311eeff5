// The search box in every page's header (and the home page's): suggestions as you type, and
// choosing one opens its page; Enter on the text itself searches (/search, no script needed).
import { pageOf } from "./kinds";
import { attachSuggestions } from "./suggest";

for (const form of document.querySelectorAll<HTMLFormElement>("form[data-autocomplete]")) {
  const input = form.querySelector<HTMLInputElement>("input[type=search]");
  if (input) attachSuggestions(input, (hit) => window.location.assign(pageOf(hit.kind, hit.id)));
}
