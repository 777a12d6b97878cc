"""YAML with line numbers: front matter and region.yml.

Every value keeps the line it was written on, so a problem can point at the
exact line an editor has to change. Timestamps are left as strings: dates are
interpreted by the schema, in the site's time zone, not by the YAML library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}

Path_ = tuple[str | int, ...]


@dataclass
class YamlDoc:
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicates: list[tuple[Path_, int]] = field(default_factory=list)
    first_line: int = 1

    def line(self, *path: str | int) -> int:
        """The line of a value, or of its nearest enclosing value, or the document's first line."""
        p: Path_ = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.first_line


class YamlError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse_yaml(text: str, first_line: int = 1) -> YamlDoc:
    """Parse one YAML document; `first_line` is the file line the text starts on."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = exc.problem or "invalid YAML"
        raise YamlError(line, problem) from None
    except yaml.YAMLError as exc:
        raise YamlError(None, str(exc)) from None
    finally:
        loader.dispose()
    doc = YamlDoc(data=data, first_line=first_line)
    if node is not None:
        _collect_lines(node, (), doc, first_line)
    return doc


def _collect_lines(node: yaml.Node, path: Path_, doc: YamlDoc, offset: int) -> None:
    doc.lines[path] = node.start_mark.line + offset
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in seen:
                doc.duplicates.append(((*path, key), key_node.start_mark.line + offset))
            seen.add(key)
            doc.lines[(*path, key)] = key_node.start_mark.line + offset
            if isinstance(value_node, yaml.MappingNode | yaml.SequenceNode):
                _collect_lines(value_node, (*path, key), doc, offset)
                doc.lines[(*path, key)] = key_node.start_mark.line + offset
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _collect_lines(item, (*path, i), doc, offset)


@dataclass
class FrontMatterSplit:
    front_matter: str | None  # None: the file has no front matter block
    body: str
    fm_first_line: int  # line of the first YAML line
    body_first_line: int
    unterminated: bool = False


def split_front_matter(text: str) -> FrontMatterSplit:
    """Split `---`-fenced YAML front matter from the Markdown body."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return FrontMatterSplit(None, text, 1, 1)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            fm = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1 :])
            return FrontMatterSplit(fm, body, 2, i + 2)
    return FrontMatterSplit(None, text, 1, 1, unterminated=True)
