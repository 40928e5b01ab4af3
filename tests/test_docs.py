"""The documentation tells the truth about the code: commands, options, settings, factories,
error codes, extras, Makefile targets and links are all checked against the real thing."""

from __future__ import annotations

import importlib.util
import json
import re
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import typer
from pydantic import BaseModel

from storyline.cli import app
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
MARKDOWN = [README, *sorted(DOCS.glob("*.md"))]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _generator() -> ModuleType:
    path = ROOT / "scripts" / "gen_cli_docs.py"
    spec = importlib.util.spec_from_file_location("gen_cli_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _commands() -> list[tuple[str, Any]]:
    group: Any = typer.main.get_command(app)
    ctx = group.context_class(group, info_name="storyline")
    out = [("storyline", group)]
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        out.append((f"storyline {name}", command))
    return out


def _params(command: Any) -> list[Any]:
    ctx = command.context_class(command, info_name="storyline")
    return list(command.get_params(ctx))


def _section(text: str, heading: str) -> str:
    """The body of the `## heading` section of a Markdown text ('' when absent)."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    return match.group(1) if match else ""


# ---- docs/cli.md ------------------------------------------------------------------------------


def test_docs_cli_reference_is_generated_and_current() -> None:
    committed = _read(DOCS / "cli.md")
    generated = _generator().render()
    assert committed == generated, "docs/cli.md is stale: run `make docs` (scripts/gen_cli_docs.py)"


@pytest.mark.parametrize(("title", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_docs_cli_every_command_and_option_is_in_cli_md(title: str, command: Any) -> None:
    section = _section(_read(DOCS / "cli.md"), title)
    assert section, f"docs/cli.md has no section for `{title}`"
    for param in _params(command):
        if param.param_type_name == "argument":
            assert f"`{str(param.name).upper()}" in section, f"{title}: argument {param.name} undocumented"
            continue
        for opt in [*param.opts, *param.secondary_opts]:
            assert re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", section), f"{title}: {opt} undocumented"


@pytest.mark.parametrize(("title", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_docs_cli_every_command_and_option_has_help(title: str, command: Any) -> None:
    assert (command.help or "").strip(), f"`{title}` has no help text"
    for param in _params(command):
        assert (param.help or "").strip(), f"{title}: {param.name} has no help text"


def test_docs_cli_check_mode_fails_on_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "cli.md"
    stale.write_text(_read(DOCS / "cli.md").replace("--batch-size", "--batch"), encoding="utf-8")
    gen = _generator()
    assert gen.main(["--check", "--out", str(stale)]) == 1
    assert gen.main(["--out", str(stale)]) == 0
    assert gen.main(["--check", "--out", str(stale)]) == 0


# ---- docs/settings.md -------------------------------------------------------------------------


def _settings_fields(model: type[BaseModel] = Settings, prefix: str = "") -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            fields.update(_settings_fields(annotation, f"{prefix}{name}."))
        else:
            fields[f"{prefix}{name}"] = info.default
    return fields


def _documented_settings() -> dict[str, str]:
    """`| `dotted.name` | `default` | meaning |` rows of docs/settings.md: name -> default cell."""
    rows = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| `([^`]*)` \| (.+) \|$", _read(DOCS / "settings.md"), re.M)
    return {name: default for name, default, _ in rows}


def test_docs_settings_every_field_is_documented_with_its_default() -> None:
    documented = _documented_settings()
    for name, default in _settings_fields().items():
        assert name in documented, f"setting {name} is missing from docs/settings.md"
        written = tomllib.loads(f"v = {documented[name]}")["v"]
        assert written == default, f"{name}: docs say {documented[name]}, the code says {default!r}"


def test_docs_settings_documents_no_setting_that_does_not_exist() -> None:
    unknown = set(_documented_settings()) - set(_settings_fields())
    assert not unknown, f"docs/settings.md documents settings the code lacks: {sorted(unknown)}"


def test_docs_settings_packaged_defaults_match_the_model() -> None:
    text = (ROOT / "src" / "storyline" / "data" / "defaults.toml").read_text(encoding="utf-8")
    packaged = {f"{s}.{k}": v for s, table in tomllib.loads(text).items() for k, v in table.items()}
    assert packaged == _settings_fields()


# ---- docs/architecture.md ---------------------------------------------------------------------


def test_docs_architecture_names_every_storyline_factory() -> None:
    from spacy.language import Language

    from storyline.nlp.pipeline import register_components

    register_components()
    text = _read(DOCS / "architecture.md")
    factories = sorted(n for n in Language.factories if n.startswith("storyline_"))
    assert factories, "no storyline factory is registered"
    missing = [n for n in factories if f"`{n}`" not in text]
    assert not missing, f"factories missing from docs/architecture.md: {missing}"


def test_docs_architecture_describes_every_record() -> None:
    from storyline import models

    section = _section(_read(DOCS / "architecture.md"), "The data model")
    records = [
        name
        for name, obj in vars(models).items()
        if isinstance(obj, type) and issubclass(obj, models.Record) and obj is not models.Record
    ]
    assert "Quote" in records
    missing = [name for name in records if f"`{name}`" not in section]
    assert not missing, f"records missing from the data model in docs/architecture.md: {missing}"
    article_fields = [f"`{name}`" for name in models.Article.model_fields]
    assert all(f in section for f in article_fields), "the Article row does not list every field"


def test_docs_architecture_lists_the_components_in_pipeline_order() -> None:
    from storyline.nlp.pipeline import COMPONENTS

    table = _section(_read(DOCS / "architecture.md"), "The spaCy components")
    rows = re.findall(r"^\| `(storyline_\w+)` \|", table, re.M)
    assert rows == ["storyline_paragraphs", *COMPONENTS]


def test_docs_architecture_lists_every_error_code() -> None:
    src = ROOT / "src" / "storyline"
    codes: set[str] = set()
    for path in src.rglob("*.py"):
        codes.update(re.findall(r'"(SL\d{3})"', path.read_text(encoding="utf-8")))
    assert {"SL100", "SL404", "SL501"} <= codes  # class defaults and raised codes are both seen
    text = _read(DOCS / "architecture.md")
    missing = sorted(c for c in codes if c not in text)
    assert not missing, f"error codes missing from docs/architecture.md: {missing}"


def test_docs_architecture_lists_every_extra() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = pyproject["project"]["optional-dependencies"]
    text = _read(DOCS / "architecture.md")
    missing = [e for e in extras if f"storyline[{e}]" not in text]
    assert not missing, f"extras missing from docs/architecture.md: {missing}"


def test_docs_web_guide_lists_every_api_endpoint(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from storyline.web import create_app

    schema = create_app(str(tmp_path / "store.db")).openapi()
    routes = {
        f"{method.upper()} {re.sub(r'{[^}]*}', '{}', path)}"
        for path, operations in schema["paths"].items()
        for method in operations
    }
    assert "GET /api/stories" in routes
    written = re.findall(r"`((?:GET|POST|PUT|PATCH|DELETE) /[^`?]*)", _read(DOCS / "web.md"))
    documented = {re.sub(r"{[^}]*}", "{}", w) for w in written}
    missing = sorted(routes - documented)
    assert not missing, f"API endpoints missing from docs/web.md: {missing}"
    unknown = sorted(documented - routes)
    assert not unknown, f"docs/web.md documents endpoints the app lacks: {unknown}"


# ---- README.md --------------------------------------------------------------------------------


def test_docs_readme_opens_with_make_demo_and_make_test() -> None:
    block = re.search(r"```[a-z]*\n(.*?)```", _read(README), re.S)
    assert block, "README.md has no code block"
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def test_docs_readme_make_targets_exist() -> None:
    makefile = _read(ROOT / "Makefile")
    targets = set(re.findall(r"^([A-Za-z][\w.-]*):", makefile, re.M))
    readme = _read(README)
    named = set(re.findall(r"`make ([a-z][\w-]*)", readme)) | set(
        re.findall(r"^make ([a-z][\w-]*)", readme, re.M)
    )
    assert named, "README.md names no make target"
    missing = sorted(named - targets)
    assert not missing, f"README.md names make targets the Makefile lacks: {missing}"


# ---- links ------------------------------------------------------------------------------------

LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")


def _anchors(path: Path) -> set[str]:
    """GitHub-style heading anchors of a Markdown file."""
    out = set()
    in_code = False
    for line in _read(path).splitlines():
        if line.startswith("```"):
            in_code = not in_code
        if in_code or not line.startswith("#"):
            continue
        title = line.lstrip("#").strip().lower()
        slug = re.sub(r"[^\w\- ]", "", title).replace(" ", "-")
        out.add(slug)
    return out


def _links() -> list[tuple[Path, str]]:
    return [(path, target) for path in MARKDOWN for target in LINK.findall(_read(path))]


def test_docs_link_check_sees_links() -> None:
    assert len(_links()) >= 5


@pytest.mark.parametrize(("source", "target"), _links(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_docs_relative_link_points_to_an_existing_file(source: Path, target: str) -> None:
    if re.match(r"^[a-z][a-z+.-]*:", target):  # http:, https:, mailto:
        return
    file_part, _, anchor = target.partition("#")
    resolved = (source.parent / file_part).resolve() if file_part else source
    assert resolved.exists(), f"{source.name}: link to missing {target}"
    assert ROOT in resolved.parents or resolved == ROOT, f"{source.name}: link leaves the repository"
    if anchor and resolved.suffix == ".md":
        assert anchor in _anchors(resolved), (
            f"{source.name}: no heading #{anchor} in {file_part or source.name}"
        )


def test_docs_every_guide_is_linked_from_the_readme() -> None:
    linked = {(ROOT / target.partition("#")[0]).resolve() for target in LINK.findall(_read(README))}
    guides = [p for p in DOCS.iterdir() if p.suffix in (".md", ".json")]
    missing = sorted(p.name for p in guides if p.resolve() not in linked)
    assert not missing, f"docs not linked from README.md's Documentation list: {missing}"


def test_docs_readme_article_ids_are_those_of_the_sample_corpus() -> None:
    from storyline.models import Article
    from storyline.services import read_articles
    from storyline.settings import load_settings

    quoted = set(re.findall(r"\b[0-9a-f]{16}\b", _read(README)))
    assert quoted, "README.md shows no article id"
    read = read_articles([ROOT / "examples" / "corpus"], load_settings())
    ids = {item.article_id for item in read if isinstance(item, Article)}
    stale = sorted(quoted - ids)
    assert not stale, (
        f"README.md shows article ids the sample corpus no longer gives: {stale} (rerun the demo)"
    )


@pytest.mark.slow
def test_docs_readme_demo_excerpt_is_what_the_demo_prints(tmp_path: Path) -> None:
    """The README's summary rows and quote lines come out of a real run on the sample corpus."""
    from typer.testing import CliRunner

    readme = _read(README)
    runner = CliRunner()
    db = str(tmp_path / "demo.db")
    ran = runner.invoke(app, ["analyze", str(ROOT / "examples" / "corpus"), "--db", db, "--json"])
    assert ran.exit_code == 0, ran.output
    summary = json.loads(ran.stdout)
    rows = re.findall(r"^│ ([a-z ]+?) +│ +(\d+) │", readme, re.M)
    assert rows, "README.md shows no summary rows"
    for name, value in rows:
        now = summary[name.replace(" ", "_")]
        assert now == int(value), (
            f"README.md's summary row {name!r} says {value}, the demo now gives {now}: "
            "run `make demo` and update the excerpt"
        )

    block = re.search(r'^\$ storyline quotes --db \S+ --speaker "([^"]+)"\n(.*?)^```', readme, re.M | re.S)
    assert block, "README.md shows no `storyline quotes` excerpt"
    listed = runner.invoke(app, ["quotes", "--db", db, "--speaker", block.group(1), "--limit", "1000"])
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    printed = set(zip(lines, lines[1:], lines[2:], strict=False))
    shown = block.group(2).splitlines()
    for head, text, source in zip(shown[::3], shown[1::3], shown[2::3], strict=True):
        assert (head, text, source) in printed, (
            f"README.md: `storyline quotes` no longer prints\n{head}\n{text}\n{source}\n"
            "run `make demo`, then the README's `storyline quotes` command, and update the excerpt"
        )


def test_docs_readme_lists_every_benchmark_script() -> None:
    readme = _read(README)
    scripts = [
        p for p in sorted((ROOT / "benchmarks").glob("*.py")) if p.name.startswith(("bench_", "eval_"))
    ]
    assert scripts
    missing = [p.name for p in scripts if f"`benchmarks/{p.name}`" not in readme]
    assert not missing, f"benchmarks missing from README.md's table: {missing}"
