"""Load a small YAML mapping safely: size cap, `safe_load` only, and a node budget so that an alias
bomb ("billion laughs") is rejected instead of being expanded by whoever walks the result."""

from __future__ import annotations

from typing import Any

import yaml

MAX_BYTES = 64 * 1024
MAX_NODES = 10_000


class _TooBig(Exception):
    pass


class _Loader(yaml.SafeLoader):
    """`SafeLoader` whose scalars cannot raise outside PyYAML's own errors: a timestamp stays the text
    it was written as (so `2025-02-30` is reported by the schema as a bad date instead of raising
    ValueError), and an integer too long for Python's int conversion limit stays text."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_mapping(
    source: bytes | str, *, max_bytes: int = MAX_BYTES
) -> tuple[dict[str, Any] | None, list[str]]:
    """The top-level mapping of a YAML document, or None with the reasons. Never raises."""
    raw = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
    if len(raw) > max_bytes:
        return None, [f"file is {len(raw)} bytes, over the {max_bytes}-byte limit; ignored"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [f"not valid UTF-8 (byte {exc.start}); ignored"]
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        return None, [f"invalid YAML{where}: {problem}; ignored"]
    except RecursionError:
        return None, ["YAML nesting too deep; ignored"]
    if data is None:
        return None, []
    try:
        _count_nodes(data, [MAX_NODES])
    except (_TooBig, RecursionError):
        return None, [f"document expands to more than {MAX_NODES} nodes (aliases?); ignored"]
    if not isinstance(data, dict):
        return None, [f"expected a mapping at the top level, got {type(data).__name__}; ignored"]
    return data, []


def _count_nodes(node: Any, budget: list[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig
    if isinstance(node, dict):
        for key, value in node.items():
            _count_nodes(key, budget)
            _count_nodes(value, budget)
    elif isinstance(node, list):
        for item in node:
            _count_nodes(item, budget)
