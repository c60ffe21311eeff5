"""Limits on what one GraphQL document may ask for, checked before any other validation.

A fragment spread stands for the whole fragment each time it appears, so a chain of fragments
that each spread the next one twice asks for 2^n fields in under 1 KB, and any check that walks
spreads as it meets them takes 2^n steps. Here each fragment is measured once (its expanded
field count, depth and aliases, memoised), so the check is linear in the document's length
however large its expansion; a document over a limit is refused before graphql-core's
validation, which also follows spreads, ever sees it. The rest of validation then runs on one
worker thread, so no document can hold the event loop that every other request shares.

A document that passed is remembered by its text (a bounded LRU, as strawberry's parser cache
keeps its parse), so the pages' and clients' usual documents skip the checks after their first
request: validation was the largest part of the service's own time on a profile view.

Unknown fragments and fragment cycles count as empty here: validation names them properly.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from service.settings import GraphQLLimits

CODE = "DOCUMENT_TOO_LARGE"
# One thread: validations queue behind each other instead of taking turns with the event loop
# for the interpreter lock, so requests that need no validation stay quick under a flood.
_VALIDATION = ThreadPoolExecutor(max_workers=1, thread_name_prefix="graphql-validation")
# Texts of documents that passed every check; only passes are kept, so a flood of bad documents
# evicts nothing. Validity depends on the text and the schema, which is one per process.
PASSED_MAX = 256
_passed: OrderedDict[str, None] = OrderedDict()


@dataclass(frozen=True)
class Shape:
    """A selection once every fragment in it is expanded."""

    fields: int = 0
    # Fields with selections nested inside each other; introspection (`__schema`, `__type`)
    # does not count, so GraphiQL's deep introspection query passes.
    depth: int = 0
    aliases: int = 0

    def __add__(self, other: Shape) -> Shape:
        return Shape(
            self.fields + other.fields, max(self.depth, other.depth), self.aliases + other.aliases
        )


EMPTY = Shape()


def _spreads(selection_set: SelectionSetNode) -> Iterator[str]:
    for selection in selection_set.selections:
        if isinstance(selection, FragmentSpreadNode):
            yield selection.name.value
        elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set:
            yield from _spreads(selection.selection_set)


class _Measure:
    """Shapes of a document's fragments, each computed once, in dependency order."""

    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.shapes: dict[str, Shape] = {}
        # Iterative, so a long chain of fragments cannot exhaust the interpreter's stack
        # (selection sets nest at most as deep as the parser allows).
        for name in self.fragments:
            self._visit(name)

    def _visit(self, root: str) -> None:
        on_path: set[str] = set()
        stack: list[tuple[str, Iterator[str]]] = []

        def enter(name: str) -> None:
            on_path.add(name)
            stack.append((name, _spreads(self.fragments[name].selection_set)))

        if root not in self.shapes:
            enter(root)
        while stack:
            name, pending = stack[-1]
            spread = next(pending, None)
            if spread is None:
                stack.pop()
                on_path.discard(name)
                # Cycles and unknown names are still missing here and count as empty.
                self.shapes[name] = self.selections(self.fragments[name].selection_set)
            elif spread in self.fragments and spread not in self.shapes and spread not in on_path:
                enter(spread)

    def selections(self, selection_set: SelectionSetNode) -> Shape:
        total = EMPTY
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                inner = EMPTY
                if selection.selection_set is not None:
                    inner = self.selections(selection.selection_set)
                    introspection = selection.name.value.startswith("__")
                    depth = 0 if introspection else inner.depth + 1
                    inner = Shape(inner.fields, depth, inner.aliases)
                total += Shape(1, 0, int(selection.alias is not None)) + inner
            elif isinstance(selection, InlineFragmentNode):
                total += self.selections(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.shapes.get(selection.name.value, EMPTY)
        return total


def measure(document: DocumentNode) -> dict[str, Shape]:
    """Each operation's shape, by name ("anonymous" for an unnamed one)."""
    found = _Measure(document)
    return {
        (d.name.value if d.name else "anonymous"): found.selections(d.selection_set)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    }


def problems(document: DocumentNode, limits: GraphQLLimits) -> list[GraphQLError]:
    """Why the document is over the limits; empty when it is within them."""
    shapes = measure(document)
    found: list[GraphQLError] = []
    fields = sum(s.fields for s in shapes.values())
    if fields > limits.max_fields:
        found.append(
            _error(
                f"the document selects {fields} fields once its fragments are expanded; "
                f"allowed: {limits.max_fields}"
            )
        )
    aliases = sum(s.aliases for s in shapes.values())
    if aliases > limits.max_aliases:
        found.append(_error(f"{aliases} aliases found. Allowed: {limits.max_aliases}"))
    found.extend(
        _error(f"'{name}' exceeds maximum operation depth of {limits.max_depth}")
        for name, shape in shapes.items()
        if shape.depth > limits.max_depth
    )
    return found


def _error(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": CODE})


class DocumentLimits(SchemaExtension):
    """Refuse documents over `limits` first, then validate the rest off the event loop."""

    def __init__(self, limits: GraphQLLimits) -> None:
        self.limits = limits

    async def on_validate(self) -> AsyncIterator[None]:
        context = self.execution_context
        document, text = context.graphql_document, context.query
        if document is not None and context.pre_execution_errors is None:
            if text is not None and text in _passed:
                _passed.move_to_end(text)
                # Strawberry skips its own validation once errors are set (here: none).
                context.pre_execution_errors = []
            else:
                context.pre_execution_errors = await self._check(document)
                if text is not None and not context.pre_execution_errors:
                    _passed[text] = None
                    if len(_passed) > PASSED_MAX:
                        _passed.popitem(last=False)
        yield

    async def _check(self, document: DocumentNode) -> list[GraphQLError]:
        refused = problems(document, self.limits)
        if refused or not self.execution_context.validation_rules:
            return refused
        return await asyncio.get_running_loop().run_in_executor(
            _VALIDATION,
            validate_document,
            self.execution_context.schema._schema,
            document,
            self.execution_context.validation_rules,
        )
