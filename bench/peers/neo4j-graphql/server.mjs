// The benchmark's peer: @neo4j/graphql 7 on Apollo Server 5 over Scholar's Neo4j, serving the
// type definitions in typeDefs.graphql at http://127.0.0.1:$PORT/ (any path answers GraphQL).
// NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE say where the graph is; PORT where to
// listen. bench/peer_compare.py starts and stops it; SIGTERM closes the server and the driver.
import { readFile } from "node:fs/promises";

import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const env = process.env;
const driver = neo4j.driver(
  env.NEO4J_URI ?? "bolt://127.0.0.1:7687",
  neo4j.auth.basic(env.NEO4J_USER ?? "neo4j", env.NEO4J_PASSWORD ?? ""),
);
const typeDefs = await readFile(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port: Number(env.PORT ?? 4000) },
  // Reads go to the configured database; sessions are otherwise the library's defaults.
  context: async () => ({ sessionConfig: { database: env.NEO4J_DATABASE ?? "neo4j" } }),
});
console.log(`peer ready at ${url}`);

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  });
}
