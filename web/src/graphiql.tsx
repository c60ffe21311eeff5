// GraphiQL served by the service itself, so it works without internet access. Every request
// carries the CSRF header the server asks of cookie-authenticated calls.
import "graphiql/graphiql.css";
import "@graphiql/plugin-explorer/dist/style.css";

import { explorerPlugin } from "@graphiql/plugin-explorer";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { createRoot } from "react-dom/client";

import { cookie } from "./gql";

const DEFAULT_QUERY = `# The seed researcher's profile: try the Docs and Explorer panes.
query Profile {
  researcher(id: "seed:borui-zhao") {
    name
    trust { score label verificationLevel }
    counts { works followers topics coauthors closeCollaborators }
    works(first: 5) { edges { node { title year venue } } }
  }
}
`;

const withCsrf: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  const csrf = cookie("scholar_csrf");
  if (csrf) headers.set("X-CSRF-Token", csrf);
  return fetch(input, { ...init, headers, credentials: "same-origin" });
};

const root = document.getElementById("graphiql");
if (root) {
  const fetcher = createGraphiQLFetcher({ url: root.dataset.endpoint ?? "/graphql", fetch: withCsrf });
  createRoot(root).render(
    <GraphiQL fetcher={fetcher} plugins={[explorerPlugin({})]} defaultQuery={DEFAULT_QUERY} />,
  );
}
