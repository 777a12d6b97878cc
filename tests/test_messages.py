"""Messages about content in Dutch by default: every marked template has a Dutch translation with the same
placeholders, no problem is made from an unmarked text, and the CLI speaks Dutch unless asked for English."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest
from sitekit import REPO, base_files, make_site, stogen

from stogen.core.messages import Msg, msg
from stogen.core.messages_nl import NL
from stogen.core.problems import Problem, Problems

PACKAGE = REPO / "stogen"
# Calls that make a problem, with the positions of their message and hint arguments.
MAKERS = {
    "Problem": (3, 4),
    "FieldError": (0, 1),
    "PhotoError": (0, 1),
    "YamlError": (1, 2),
    "LinkIssue": (2, 3),
    "issue": (2, 3),
}
REPORTERS = re.compile(r"^_?(error|warning|warn|issue|report|refuse\w*)$")


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text("utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))]


def _name(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def marked_templates() -> dict[str, str]:
    """Every template marked in the package: msg("...") and plural(n, "...", "..."), with where it is."""
    found: dict[str, str] = {}
    for path, tree in _sources():
        if path == PACKAGE / "core" / "messages.py":
            continue  # msg() and plural() themselves
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = _name(call)
            args = call.args[:1] if name == "msg" else call.args[1:3] if name == "plural" else []
            for arg in args:
                where = f"{path.relative_to(REPO)}:{call.lineno}"
                assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), f"{where}: not a literal template"
                found.setdefault(arg.value, where)
    return found


def _fields(template: str) -> set[str]:
    return {f"{name}!{conv}:{spec}" for _, name, spec, conv in string.Formatter().parse(template) if name is not None}


def test_every_marked_template_has_a_dutch_translation_with_the_same_placeholders() -> None:
    templates = marked_templates()
    assert len(templates) > 300  # the scan sees the package's messages
    missing = [f"{where}: {t!r}" for t, where in templates.items() if t not in NL]
    assert not missing, "no Dutch translation in stogen/core/messages_nl.py:\n" + "\n".join(missing)
    differ = [f"{where}: {t!r}" for t, where in templates.items() if _fields(NL[t]) != _fields(t)]
    assert not differ, "placeholders differ from the English template:\n" + "\n".join(differ)
    unused = sorted(set(NL) - set(templates))
    assert not unused, f"translations no code marks (remove them): {unused}"


def _is_sentence(node: ast.expr) -> bool:
    """Text written in place: a literal, f-string or concatenation with words (a path or field label has none)."""
    if not isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp | ast.IfExp):
        return False
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and " " in n.value for n in ast.walk(node))


def test_no_problem_is_made_from_an_unmarked_text() -> None:
    """A message or hint written as a literal, an f-string or a concatenation never reaches a Problem."""
    bad = []
    for path, tree in _sources():
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = _name(call)
            if name in MAKERS:
                args = [call.args[i] for i in MAKERS[name] if i < len(call.args)]
            elif name is not None and REPORTERS.match(name):
                args = call.args[1:]  # problems.error(), rd.error(), self._error(), report(): all but the path
            else:
                continue
            args += [k.value for k in call.keywords if k.arg in ("message", "hint")]
            for arg in args:
                if _is_sentence(arg):
                    bad.append(f"{path.relative_to(REPO)}:{arg.lineno}: {ast.unparse(arg)[:80]}")
    assert not bad, "mark these with msg():\n" + "\n".join(bad)


def test_a_problem_refuses_plain_text_and_renders_in_the_asked_language() -> None:
    with pytest.raises(TypeError):
        Problem("a.md", 1, "title", "is required")  # type: ignore[arg-type]
    problems = Problems()
    problems.error("a.md", 3, "date", msg("{text!r} is not a date", text="morgen"), msg("write true or false"))
    problems.warning("a.md", 4, None, msg("front matter is empty"))
    assert problems.report(lang="nl").splitlines() == [
        "a.md:3: date: 'morgen' is geen datum",
        "    tip: schrijf true of false",
        "a.md:4: waarschuwing: de gegevens bovenaan het bestand (front matter) zijn leeg",
    ]
    assert problems.report(lang="en").splitlines()[0] == "a.md:3: date: 'morgen' is not a date"
    assert problems.summary("nl") == "1 fout, 1 waarschuwing"
    assert problems.summary("en") == "1 error, 1 warning"
    nested = msg("expected a list, got {kind}", kind=msg("a number"))
    assert Msg.load(json.loads(json.dumps(nested.dump()))) == nested


BROKEN = "regions/alpha/nieuws/2026-11-07-open-dag.md"


def _broken_site(tmp_path: Path, config_extra: str = "") -> Path:
    """A site with two mistakes in one news file: an unknown field (with its required twin missing) and a date
    that does not exist."""
    files = base_files()
    files["stogen.yml"] += config_extra
    files[BROKEN] = "---\ntitel: Open dag\ndate: 2026-02-30\n---\nKom kijken.\n"
    return make_site(tmp_path / "site", files)


def _dutch_lines(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert f"{BROKEN}:3: date: '2026-02-30' is geen bestaande datum of tijd (die maand heeft zo'n dag niet)" in stderr
    assert '    tip: zet de datum als 2026-11-03, of als "2026-11-03 14:30" met een tijd' in stderr
    assert f"{BROKEN}:2: titel: onbekend veld voor een nieuwsbericht\n    tip: bedoel je 'title'?" in stderr
    assert f"{BROKEN}:2: title: is verplicht\n    tip: zet een regel `title: ...` in de gegevens bovenaan" in stderr
    assert "is not" not in stderr and "hint:" not in stderr


def test_a_broken_build_speaks_dutch_by_default(tmp_path: Path) -> None:
    root = _broken_site(tmp_path)
    result = stogen(root, "build", lang=None)
    assert result.returncode == 1
    _dutch_lines(result.stderr)
    assert result.stderr.rstrip().endswith(
        "bouwen mislukt: 3 fouten, 0 waarschuwingen; de vorige versie van de site is niet veranderd"
    )
    assert not (root / "public").exists()


def test_english_with_the_flag_the_environment_or_stogen_yml(tmp_path: Path) -> None:
    root = _broken_site(tmp_path)
    english = f"{BROKEN}:3: date: '2026-02-30' is not a real date or time (day is out of range for month)"
    flag = stogen(root, "build", "--lang", "en", lang=None)
    env = stogen(root, "build", lang=None, env={"STOGEN_LANG": "en"})
    for result in (flag, env):
        assert result.returncode == 1 and english in result.stderr
        assert "    hint: write 2026-11-03" in result.stderr
        assert "build failed: 3 errors, 0 warnings; the previous output is unchanged" in result.stderr
    # The flag goes before the environment.
    assert (
        "is geen bestaande datum" in stogen(root, "build", "--lang", "nl", lang=None, env={"STOGEN_LANG": "en"}).stderr
    )
    setting = _broken_site(tmp_path / "setting", "messages: en\n")
    assert english in stogen(setting, "build", lang=None).stderr
    # The environment goes before stogen.yml: a maintainer reads a site whose editors read Dutch, or the reverse.
    assert "is geen bestaande datum" in stogen(setting, "build", lang=None, env={"STOGEN_LANG": "nl"}).stderr


def test_check_speaks_dutch_in_the_terminal_and_on_the_pull_request(tmp_path: Path) -> None:
    root = _broken_site(tmp_path)
    text = stogen(root, "check", lang=None)
    assert text.returncode == 1
    _dutch_lines(text.stderr)
    assert text.stderr.rstrip().endswith("controle mislukt: 3 fouten, 0 waarschuwingen")

    github = stogen(root, "check", "--format", "github", lang=None)
    annotations = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert f"::error file={BROKEN},line=3,title=date::'2026-02-30' is geen bestaande datum of tijd" in github.stdout
    date = next(a for a in annotations if ",title=date::" in a)
    assert date.endswith(
        '(tip: zet de datum als 2026-11-03, of als "2026-11-03 14:30" met een tijd (Nederlandse tijd))'
    )
    assert len(annotations) == 3 and not any("hint" in a for a in annotations)
    english = stogen(root, "check", "--format", "github", "--lang", "en", lang=None)
    assert "title=date::'2026-02-30' is not a real date or time" in english.stdout and "(hint: write" in english.stdout


def test_json_carries_the_chosen_language_and_the_english_template_as_id(tmp_path: Path) -> None:
    root = _broken_site(tmp_path)
    found = json.loads(stogen(root, "build", "--format", "json", lang=None).stdout)
    date = next(p for p in found if p["field"] == "date")
    assert date["message"] == "'2026-02-30' is geen bestaande datum of tijd (die maand heeft zo'n dag niet)"
    assert date["hint"].startswith("zet de datum als 2026-11-03")
    assert date["lang"] == "nl" and date["id"] == "{text!r} is not a real date or time ({why})"
    english = json.loads(stogen(root, "build", "--format", "json", "--lang", "en", lang=None).stdout)
    assert [p["id"] for p in english] == [p["id"] for p in found]
    assert {p["lang"] for p in english} == {"en"}


def test_a_newsletter_for_a_month_that_does_not_exist_is_refused_in_dutch(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", base_files())
    result = stogen(root, "newsletter", "2026-13", lang=None)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "stogen newsletter: month: '2026-13' is geen maand en geen editie van een maand" in result.stderr
    assert "nieuwsbrief mislukt: 1 fout, 0 waarschuwingen; er is niets geschreven" in result.stderr
