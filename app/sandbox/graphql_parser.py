"""A tiny GraphQL parser for the subset the simulator answers: fields, aliases, arguments, variables,
inline fragments (`... on Blob`), one operation per document. No fragments definitions or directives.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

TOKEN = re.compile(
    r'\s+|,|#[^\n]*|(?P<str>"(?:[^"\\]|\\.)*")|(?P<num>-?\d+(?:\.\d+)?)|(?P<spread>\.\.\.)'
    r"|(?P<name>[_A-Za-z][_0-9A-Za-z]*)|(?P<punct>[{}()\[\]:$!=@])"
)


class GraphQLSyntaxError(ValueError):
    pass


@dataclass
class Field:
    name: str
    alias: str
    args: dict[str, Any] = field(default_factory=dict)
    selections: list[Field] = field(default_factory=list)
    on_type: str | None = None  # set for the fields of an inline fragment


@dataclass
class Variable:
    name: str


@dataclass
class Operation:
    kind: str  # "query" | "mutation"
    selections: list[Field]


def _tokens(source: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(source):
        match = TOKEN.match(source, pos)
        if match is None:
            raise GraphQLSyntaxError(f"Parse error on {source[pos : pos + 10]!r} at offset {pos}")
        pos = match.end()
        kind = match.lastgroup
        if kind:
            out.append((kind, match.group(kind)))
    return out


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _tokens(source)
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, value: str | None = None, kind: str | None = None) -> str:
        token = self.peek()
        if (
            token is None
            or (value is not None and token[1] != value)
            or (kind is not None and token[0] != kind)
        ):
            expected = value or kind
            raise GraphQLSyntaxError(
                f"Parse error: expected {expected}, got {token[1] if token else 'end of input'}"
            )
        self.i += 1
        return token[1]

    def document(self) -> Operation:
        kind = "query"
        token = self.peek()
        if token and token[1] in ("query", "mutation"):
            kind = self.take()
            if self.peek() and self.peek()[0] == "name":  # type: ignore[index]
                self.take()
            if self.peek() == ("punct", "("):
                self._skip_variable_definitions()
        selections = self.selection_set()
        if self.peek() is not None:
            raise GraphQLSyntaxError("Only one operation per document is supported by the sandbox")
        return Operation(kind, selections)

    def _skip_variable_definitions(self) -> None:
        depth = 0
        while True:
            token = self.take()
            depth += token == "("
            depth -= token == ")"
            if depth == 0:
                return

    def selection_set(self, on_type: str | None = None) -> list[Field]:
        self.take("{")
        fields: list[Field] = []
        while self.peek() != ("punct", "}"):
            if self.peek() == ("spread", "..."):
                self.take()
                self.take("on")
                type_name = self.take(kind="name")
                fields += self.selection_set(type_name)
                continue
            name = alias = self.take(kind="name")
            if self.peek() == ("punct", ":"):
                self.take(":")
                name = self.take(kind="name")
            args = self.arguments() if self.peek() == ("punct", "(") else {}
            selections = self.selection_set() if self.peek() == ("punct", "{") else []
            fields.append(Field(name, alias, args, selections, on_type))
        self.take("}")
        return fields

    def arguments(self) -> dict[str, Any]:
        self.take("(")
        args: dict[str, Any] = {}
        while self.peek() != ("punct", ")"):
            key = self.take(kind="name")
            self.take(":")
            args[key] = self.value()
        self.take(")")
        return args

    def value(self) -> Any:
        kind, text = self.peek() or ("", "")
        if text == "$":
            self.take()
            return Variable(self.take(kind="name"))
        if kind == "str":
            self.take()
            return json.loads(text)
        if kind == "num":
            self.take()
            return float(text) if "." in text else int(text)
        if text == "[":
            self.take()
            items = []
            while self.peek() != ("punct", "]"):
                items.append(self.value())
            self.take("]")
            return items
        if text == "{":
            self.take()
            obj = {}
            while self.peek() != ("punct", "}"):
                key = self.take(kind="name")
                self.take(":")
                obj[key] = self.value()
            self.take("}")
            return obj
        if kind == "name":
            self.take()
            return {"true": True, "false": False, "null": None}.get(text, text)
        raise GraphQLSyntaxError(f"Parse error: unexpected {text or 'end of input'}")


def parse(source: str) -> Operation:
    return _Parser(source).document()


def resolve_variables(value: Any, variables: dict[str, Any]) -> Any:
    if isinstance(value, Variable):
        if value.name not in variables:
            raise GraphQLSyntaxError(f"Variable ${value.name} was not provided")
        return variables[value.name]
    if isinstance(value, list):
        return [resolve_variables(v, variables) for v in value]
    if isinstance(value, dict):
        return {k: resolve_variables(v, variables) for k, v in value.items()}
    return value
