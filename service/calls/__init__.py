# Generated from cypher/, do not edit; regenerate with `make queries`.
"""The application queries as typed async functions, a module per cypher folder:
`claims`, `collaboration`, `follow`, `graph`, `identity`, `import_`, `institution`, `paper`,
`researcher`, `search`, `topic`.
"""
