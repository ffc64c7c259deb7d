"""YAML loading for lockfiles: safe loader, alias-expansion limit, duplicate keys, key lines.

The document is composed into nodes first, so aliases can be measured before anything is built:
a document whose aliases would expand it by more than `MAX_YAML_ALIAS_GROWTH` nodes, or that refers
to itself, is refused (the walk is skipped when the text has nothing that could be an anchor).
Duplicate keys in the first two mapping levels (where lockfiles keep their packages) become
warnings; the last value wins, as in the tools. Lines of those two levels are kept for annotations.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from checks.lockfiles._common import MAX_YAML_ALIAS_GROWTH, LockfileError, decode_strict

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KeyLines = dict[tuple[str, ...], int]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


# An alias needs an anchor; without anything that looks like one the walk below can be skipped.
_MAY_HAVE_ANCHOR = re.compile(r"(?:^|[\s\[{,])&", re.MULTILINE)


def _check_aliases(root: yaml.Node) -> None:
    state: dict[int, int] = {}  # id -> 1 in progress, 2 done
    sizes: dict[int, int] = {}
    distinct = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
            state[key] = 2
            continue
        seen = state.get(key)
        if seen == 2:
            continue
        if seen == 1:
            raise LockfileError("YAML alias refers to itself (recursive document)")
        state[key] = 1
        distinct += 1
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    expanded = sizes[id(root)]
    if expanded > distinct + MAX_YAML_ALIAS_GROWTH:
        raise LockfileError(
            f"YAML aliases expand {distinct} nodes to {expanded} (at most {MAX_YAML_ALIAS_GROWTH} more)"
        )


def _note_duplicates(node: yaml.MappingNode, warnings: list[str]) -> None:
    seen: set[str] = set()
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            if key_node.value in seen and len(warnings) < 20:
                warnings.append(
                    f"duplicate YAML key {key_node.value!r} at line {key_node.start_mark.line + 1} "
                    "(the last value wins)"
                )
            seen.add(key_node.value)


def _check_duplicates(root: yaml.Node, warnings: list[str]) -> None:
    """Duplicate keys at the two top levels (where lockfiles keep their packages)."""
    if not isinstance(root, yaml.MappingNode):
        return
    _note_duplicates(root, warnings)
    for _, value in root.value:
        if isinstance(value, yaml.MappingNode):
            _note_duplicates(value, warnings)


def _key_lines(root: yaml.Node) -> KeyLines:
    lines: KeyLines = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        top = str(key_node.value)
        lines[(top,)] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.MappingNode):
            for sub_key, _ in value_node.value:
                if isinstance(sub_key, yaml.ScalarNode):
                    lines[(top, str(sub_key.value))] = sub_key.start_mark.line + 1
    return lines


def load_yaml(content: bytes, warnings: list[str] | None) -> tuple[Any, KeyLines]:
    text = decode_strict(content)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        if _MAY_HAVE_ANCHOR.search(text):
            _check_aliases(node)
        if warnings is not None:
            _check_duplicates(node, warnings)
        return loader.construct_document(node), _key_lines(node)
    except yaml.MarkedYAMLError as exc:
        where = f" at line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        raise LockfileError(f"invalid YAML{where}: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise LockfileError(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise LockfileError("YAML nested too deeply to read") from None
    except LockfileError:
        raise
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a malformed !!timestamp
        raise LockfileError(f"invalid YAML value: {exc}") from None
    finally:
        loader.dispose()
