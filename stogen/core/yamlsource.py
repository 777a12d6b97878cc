"""YAML with line numbers: front matter and region.yml.

Every value keeps the line it was written on, so a problem can point at the
exact line an editor has to change. Timestamps are left as strings: dates are
interpreted by the schema, in the site's time zone, not by the YAML library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from stogen.core.messages import Msg, msg
from stogen.core.safetext import CONTROL, char_name

if TYPE_CHECKING:
    from stogen.core.problems import Problems

# libyaml's parser where PyYAML was built with it (the same constructors and resolver as yaml.SafeLoader).
SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Base = SAFE_LOADER

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}

Path_ = tuple[str | int, ...]

# Limits no real front matter or region.yml comes near (the largest region.yml of the programme is about 8 KB,
# 300 values, 4 levels deep), but that keep a hostile file from exhausting memory or the stack:
MAX_YAML_CHARS = 256 * 1024  # 30 times the largest real region.yml
MAX_YAML_VALUES = 10_000  # every value counted, an alias once per use: a "billion laughs" stops here
MAX_YAML_DEPTH = 20  # region.yml nests 4 deep; the line collector and constructors recurse per level
MAX_NUMBER_CHARS = 30  # a bigger integer is a mistake (or an attack on int()'s 4,300-digit limit)

_STR = "tag:yaml.org,2002:str"
_EXPECTED_TAG = {yaml.SequenceNode: "tag:yaml.org,2002:seq", yaml.MappingNode: "tag:yaml.org,2002:map"}
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


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
    def __init__(self, line: int | None, message: Msg, hint: Msg | None = None) -> None:
        super().__init__(message.text("en"))
        self.line = line
        self.message = message
        self.hint = hint  # for the refusals of _check_nodes, which are not syntax mistakes
        self.field: str | None = None  # the top-level key the refused value belongs to, when known


def report(problems: Problems, path: Path | str, exc: YamlError) -> None:
    """A YAML error as the run's problem at its line: the same words for every YAML file stogen reads."""
    problems.error(
        path, exc.line, None, msg("invalid YAML: {message}", message=exc.message), msg("check indentation and quotes")
    )


def parse_yaml(text: str, first_line: int = 1) -> YamlDoc:
    """Parse one YAML document; `first_line` is the file line the text starts on."""
    if len(text) > MAX_YAML_CHARS:
        raise YamlError(first_line, msg("is longer than {value} KB", value=MAX_YAML_CHARS // 1024), msg("shorten it"))
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_nodes(loader, node, first_line, tagged="!" in text)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = _PROBLEMS.get(exc.problem or "invalid YAML") or msg("{problem}", problem=exc.problem)
        raise YamlError(line, problem) from None
    except yaml.YAMLError as exc:
        raise YamlError(None, msg("{problem}", problem=str(exc))) from None
    except (ValueError, KeyError, TypeError, OverflowError, RecursionError, SystemError) as exc:
        # A constructor's own error on a value _check_nodes let through; the YAML library gives no line.
        raise YamlError(first_line, msg("a value cannot be read ({name})", name=type(exc).__name__)) from None
    finally:
        loader.dispose()
    doc = YamlDoc(data=data, first_line=first_line)
    if node is not None:
        _collect_lines(node, (), doc, first_line)
    return doc


def _check_nodes(loader: Any, top: yaml.Node, first_line: int, tagged: bool = True) -> None:
    """Refuse what no editor writes but an attack does, before anything is constructed: explicit tags
    (`!!timestamp 2026-02-30`, `!!bool maybe`), control characters, huge numbers, too many values (aliases
    expanded), too deep nesting. Iterative, and stops at MAX_YAML_VALUES: linear in the file, whatever its aliases.

    `tagged`: the text has a `!`, which every tag begins with; without one no node has a tag of its own, and
    resolving every plain value a second time to compare would only cost time (a fifth of parsing front matter)."""
    stack: list[tuple[yaml.Node, int, str | None]] = [(top, 1, None)]
    seen = 0
    while stack:
        node, depth, key = stack.pop()
        seen += 1
        try:
            _check_node(loader, node, (depth, seen), first_line, tagged)
        except YamlError as exc:
            exc.field = exc.field or key  # the top-level key the value is under: the field an editor knows
            raise
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1, key) for child in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for k, v in reversed(node.value):
                name = key or (str(k.value) if isinstance(k, yaml.ScalarNode) else None)
                stack.extend([(v, depth + 1, name), (k, depth + 1, name)])


def _check_node(loader: Any, node: yaml.Node, depth_and_count: tuple[int, int], first_line: int, tagged: bool) -> None:
    depth, seen = depth_and_count
    line = node.start_mark.line + first_line
    if seen > MAX_YAML_VALUES:
        raise YamlError(
            line,
            msg(
                "has more than {max_yaml_values:,} values (counting every use of an alias)",
                max_yaml_values=MAX_YAML_VALUES,
            ),
            msg("write the values out instead of repeating them with & and * aliases"),
        )
    if depth > MAX_YAML_DEPTH:
        raise YamlError(
            line,
            msg("nests lists and mappings more than {max_yaml_depth} levels deep", max_yaml_depth=MAX_YAML_DEPTH),
            msg("check the [ and {{ brackets"),
        )
    if isinstance(node, yaml.ScalarNode):
        _check_scalar(loader, node, line, tagged)
    elif tagged and node.tag != _EXPECTED_TAG[type(node)]:
        raise YamlError(line, msg("YAML tags like {tag} are not accepted", tag=_tag(node)), _TAG_HINT)


def _check_scalar(loader: Any, node: yaml.ScalarNode, line: int, tagged: bool) -> None:
    if tagged:
        implicit = loader.resolve(yaml.ScalarNode, node.value, (True, False)) if not node.style else _STR
        if node.tag not in (implicit, _STR):
            raise YamlError(line, msg("YAML tags like {tag} are not accepted", tag=_tag(node)), _TAG_HINT)
    if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
        raise YamlError(
            line,
            msg("a number of {n} characters is too long", n=len(node.value)),
            msg("put quotes around it if it is text"),
        )
    m = CONTROL.search(node.value)
    if m is not None:
        line += node.value.count("\n", 0, m.start()) if node.style in ("|", ">") else 0
        raise YamlError(
            line,
            msg("contains the control character {char_name}", char_name=char_name(m.group())),
            msg("remove the escape (like \\x01 or \\e) from the quoted text"),
        )


# PyYAML's most frequent problems, marked so that editors read them in their language; others are shown as they are.
_PROBLEMS = {
    "invalid YAML": msg("invalid YAML"),
    "mapping values are not allowed here": msg("mapping values are not allowed here"),
    "mapping values are not allowed in this context": msg("mapping values are not allowed in this context"),
    "found character that cannot start any token": msg("found character that cannot start any token"),
    "did not find expected '-' indicator": msg("did not find expected '-' indicator"),
    "did not find expected key": msg("did not find expected key"),
    "did not find expected ',' or ']'": msg("did not find expected ',' or ']'"),
    "did not find expected ',' or '}'": msg("did not find expected ',' or '}}'"),
    "could not find expected ':'": msg("could not find expected ':'"),
    "found character '\\t' that cannot start any token": msg("found character '\\t' that cannot start any token"),
    "found unexpected end of stream": msg("found unexpected end of stream"),
    "found undefined alias": msg("found undefined alias"),
}
_TAG_HINT = msg("remove the !!... before the value; write dates as 2026-11-03 and yes/no as true or false")


def _tag(node: yaml.Node) -> str:
    return str(node.tag).replace("tag:yaml.org,2002:", "!!")


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
