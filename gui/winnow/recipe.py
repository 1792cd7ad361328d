"""The recipe: every setting of a cleaning run, as one TOML file the window edits and the command line runs.

A Recipe is immutable: each edit returns a new one, so the window can hand a snapshot to a worker
thread and keep old ones on its undo stack.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

import tomlkit
import tomlkit.exceptions

from winnow.core.settings import DEFAULT_EXTRACTOR, EXTRACTORS, CustomRules, Override, RuleSetting
from winnow.export.atomic import atomic_write_text
from winnow.resources import read_text as read_resource
from winnow.rules import BUILTIN_DOCUMENT_RULES, BUILTIN_RULES, document_rules, line_rules, rule_class
from winnow.rules.base import Param, Rule

SCHEMA_VERSION = 1
DEFAULT_RECIPE_RESOURCE = "default-recipe.toml"

# The analyse stage's settings: how to read a document (its dates), whichever rules are on. The recipe keeps
# them in an [analyse] table; `value`/`with_value` take ANALYSE where they take a rule id.
ANALYSE = "analyse"
ANALYSE_PARAMS: tuple[Param, ...] = (Param("month_first", "Month before day", False, "Read 03/04/2020 as March 4 (US pages) rather than 3 April."),)
LEGACY_ANALYSE_KEYS = {"furniture.page": ("month_first",)}  # where recipes before the [analyse] table kept them


class RecipeError(ValueError):
    """A recipe that cannot be used; the message names the file, the line when known, and the problem."""


@dataclass(frozen=True)
class Recipe:
    rules: Mapping[str, RuleSetting] = field(default_factory=dict)
    custom: CustomRules = CustomRules()
    overrides: tuple[Override, ...] = ()
    schema: int = SCHEMA_VERSION
    analyse: Mapping[str, Any] = field(default_factory=dict)  # the analyse stage's settings (ANALYSE_PARAMS)
    extractor: str = DEFAULT_EXTRACTOR  # HTML main content: one of core.settings.EXTRACTORS ([html] extractor)

    # ---- reading values, defaults filled in from the rule classes ----
    def setting(self, rule_id: str) -> RuleSetting:
        return self.rules.get(rule_id, RuleSetting())

    def enabled(self, rule_id: str) -> bool:
        if rule_id in self.rules:
            return self.rules[rule_id].enabled
        return _rule_class(rule_id).enabled_by_default

    def value(self, rule_id: str, name: str) -> Any:
        """A rule's parameter value, or (rule_id ANALYSE) an analyse-stage setting, defaults filled in."""
        values = self.analyse if rule_id == ANALYSE else self.setting(rule_id).values
        if name in values:
            return values[name]
        return _param(rule_id, name).default

    # ---- edits: each returns a new recipe ----
    def with_enabled(self, rule_id: str, enabled: bool) -> Recipe:
        _rule_class(rule_id)
        old = self.setting(rule_id)
        return replace(self, rules={**self.rules, rule_id: replace(old, enabled=enabled)})

    def with_value(self, rule_id: str, name: str, value: Any) -> Recipe:
        value = _param(rule_id, name).coerce(value)
        if rule_id == ANALYSE:
            return replace(self, analyse={**self.analyse, name: value})
        old = self.setting(rule_id)
        return replace(self, rules={**self.rules, rule_id: replace(old, values={**old.values, name: value})})

    def with_custom(self, field_name: str, values: Iterable[str] | int) -> Recipe:
        if field_name == "regex_timeout_ms":
            if isinstance(values, bool) or not isinstance(values, int) or not 1 <= values <= 60_000:
                raise ValueError("regex_timeout_ms must be a whole number of milliseconds, 1 to 60000")
            return replace(self, custom=replace(self.custom, regex_timeout_ms=values))
        if field_name not in CustomRules.FIELDS:
            raise KeyError(field_name)
        if isinstance(values, int):
            raise ValueError(f"{field_name} must be a list of texts")
        cleaned: dict[str, Any] = {field_name: tuple(dict.fromkeys(v for v in values if v.strip()))}
        return replace(self, custom=replace(self.custom, **cleaned))

    def with_extractor(self, extractor: str) -> Recipe:
        if extractor not in EXTRACTORS:
            raise ValueError(f"unknown extractor {extractor!r}; choose one of {', '.join(EXTRACTORS)}")
        return replace(self, extractor=extractor)

    def with_override(self, override: Override) -> Recipe:
        rest = tuple(o for o in self.overrides if (o.doc, o.line) != (override.doc, override.line))
        return replace(self, overrides=rest + (override,))

    def without_override(self, doc: str, line: int) -> Recipe:
        return replace(self, overrides=tuple(o for o in self.overrides if (o.doc, o.line) != (doc, line)))

    def overrides_for(self, doc: str) -> dict[int, Override]:
        return {o.line: o for o in self.overrides if o.doc == doc}


def _rule_class(rule_id: str) -> type[Rule]:
    try:
        return rule_class(rule_id)
    except KeyError:
        raise KeyError(f"unknown rule {rule_id!r}") from None


def _param(rule_id: str, name: str) -> Param:
    for p in ANALYSE_PARAMS if rule_id == ANALYSE else _rule_class(rule_id).params:
        if p.name == name:
            return p
    raise KeyError(f"rule {rule_id} has no parameter {name!r}")


# ---------------------------------------------------------------- loading


def default_recipe() -> Recipe:
    return Recipe()


def loads(text: str, origin: str = "<recipe>") -> Recipe:
    """Parse a recipe; every error names `origin`, the line when it can be found, and the problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RecipeError(f"{origin}: not valid TOML: {exc}") from None
    except RecursionError:
        raise RecipeError(f"{origin}: not usable TOML: arrays or tables nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise RecipeError(f"{origin}: not usable TOML: {str(exc).split(';')[0]}") from None

    def fail(message: str, key: str | None = None, within: str | None = None) -> RecipeError:
        line = _line_of(text, key, within) if key else None
        where = f"{origin}, line {line}" if line else origin
        return RecipeError(f"{where}: {message}")

    schema = data.pop("schema", SCHEMA_VERSION)
    if type(schema) is not int or schema != SCHEMA_VERSION:
        raise fail(f"schema {schema!r} is not supported (this Winnow reads schema {SCHEMA_VERSION})", "schema")
    rules_table = data.pop("rules", {})
    if not isinstance(rules_table, dict):
        raise fail('rules must be tables such as [rules."ads.markers"]', "rules")
    analyse = _analyse_values(data.pop(ANALYSE, {}), fail)
    rules: dict[str, RuleSetting] = {}
    for rule_id, table in rules_table.items():
        try:
            cls = rule_class(rule_id)
        except KeyError:
            raise fail(f"unknown rule {rule_id!r}", rule_id) from None
        if not isinstance(table, dict):
            raise fail(f"rule {rule_id!r} must be a table", rule_id)
        table = dict(table)
        enabled = table.pop("enabled", True)
        for name in LEGACY_ANALYSE_KEYS.get(rule_id, ()):
            if name in table:  # an older recipe: the setting now belongs to the analyse stage
                legacy = table.pop(name)
                analyse.setdefault(name, _analyse_values({name: legacy}, fail)[name])
        if not isinstance(enabled, bool):
            raise fail(f"rule {rule_id!r}: enabled must be true or false", "enabled", within=rule_id)
        params = {p.name: p for p in cls.params}
        values = {}
        for name, value in table.items():
            if name not in params:
                raise fail(f"rule {rule_id!r} has no parameter {name!r}", name, within=rule_id)
            try:
                values[name] = params[name].coerce(value)
            except ValueError as exc:
                raise fail(f"rule {rule_id!r}: {exc}", name, within=rule_id) from None
        rules[rule_id] = RuleSetting(enabled, values)

    custom_table = data.pop("custom", {})
    if not isinstance(custom_table, dict):
        raise fail("custom must be a table: [custom]", "custom")
    custom_values: dict[str, Any] = {}
    for name, value in custom_table.items():
        if name == "regex_timeout_ms":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 60_000:
                raise fail("custom.regex_timeout_ms must be a whole number of milliseconds, 1 to 60000", name, within="custom")
            custom_values[name] = value
        elif name in CustomRules.FIELDS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(f"custom.{name} must be a list of texts", name, within="custom")
            custom_values[name] = tuple(value)
        else:
            raise fail(f"unknown custom setting {name!r}", name, within="custom")

    html_table = data.pop("html", {})
    if not isinstance(html_table, dict):
        raise fail("html must be a table: [html]", "html")
    extractor = html_table.pop("extractor", Recipe.extractor)
    if extractor not in EXTRACTORS:
        raise fail(f"html.extractor must be one of {', '.join(EXTRACTORS)}", "extractor", within="html")
    for leftover in html_table:
        raise fail(f"unknown html setting {leftover!r}", leftover, within="html")

    override_items = data.pop("override", [])
    if not isinstance(override_items, list):
        raise fail("override entries must be [[override]] tables", "override")
    overrides = []
    for item in override_items:
        try:
            if not isinstance(item, dict) or isinstance(item.get("line"), bool):
                raise TypeError("not a table with doc, line, text and action")
            overrides.append(Override(str(item["doc"]), int(item["line"]), str(item["text"]), str(item["action"]), str(item.get("source", ""))))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise fail(f"an [[override]] is incomplete or wrong ({exc}); it needs doc, line, text and action", "[[override]]") from None

    for leftover in data:
        raise fail(f"unknown setting {leftover!r}", leftover)
    return Recipe(rules=rules, custom=CustomRules(**custom_values), overrides=tuple(overrides), analyse=analyse, extractor=extractor)


def _analyse_values(table: Any, fail: Any) -> dict[str, Any]:
    """The [analyse] table's values, checked against ANALYSE_PARAMS."""
    if not isinstance(table, dict):
        raise fail(f"{ANALYSE} must be a table: [{ANALYSE}]", ANALYSE)
    params = {p.name: p for p in ANALYSE_PARAMS}
    values = {}
    for name, value in table.items():
        if name not in params:
            raise fail(f"unknown {ANALYSE} setting {name!r}", name, within=ANALYSE)
        try:
            values[name] = params[name].coerce(value)
        except ValueError as exc:
            raise fail(f"{ANALYSE}: {exc}", name, within=ANALYSE) from None
    return values


def load(path: str | Path) -> Recipe:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RecipeError(f"{path}: cannot read the recipe: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise RecipeError(f"{path}: a recipe must be UTF-8 text") from None
    return loads(text, str(path))


def _line_of(text: str, key: str, within: str | None = None) -> int | None:
    """The line where `key` is set; with `within` (a table name such as a rule id), only below that table's
    header, since several rules share parameter names."""
    pattern = _key_pattern(key)
    start = 0
    lines = text.splitlines()
    if within is not None:
        header = _key_pattern(within)
        start = next((n for n, line in enumerate(lines) if line.lstrip().startswith("[") and header.search(line)), 0)
    for number, line in enumerate(lines[start:], start + 1):
        if pattern.search(line.split("#", 1)[0] if "#" not in key else line):
            return number
    return None


def _key_pattern(key: str) -> re.Pattern[str]:
    return re.compile(r"(^|[\s.\[\"'])" + re.escape(key) + r"([\"'\]\s=.]|$)")


# ---------------------------------------------------------------- writing


def toml_string(value: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML; DEL must be escaped too)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + "".join(f"    {toml_string(v)},\n" for v in value) + "]"
    raise TypeError(type(value))


def _comment(text: str, indent: str = "") -> str:
    return "".join(f"{indent}# {line}\n".replace("# \n", "#\n") for line in text.splitlines())


def dumps(recipe: Recipe) -> str:
    """Render a recipe as commented TOML: every rule with its description, every parameter with its value."""
    out = [
        "# Winnow recipe: what to remove from scraped files, and why.\n",
        "# The window edits this file and `winnow clean --recipe FILE` runs it: the same file gives the same corpus.\n",
        "# Every rule can be switched off (enabled = false) and tuned; unknown names are an error, not ignored.\n\n",
        f"schema = {SCHEMA_VERSION}\n",
        "\n# How to read the documents (their dates), whichever rules are on.\n",
        f"[{ANALYSE}]\n",
    ]
    for p in ANALYSE_PARAMS:
        out.append(_comment(f"{p.label}: {p.help}"))
        out.append(f"{p.name} = {_toml_value(recipe.value(ANALYSE, p.name))}\n")
    for cls in (*line_rules(), *document_rules()):
        if cls not in BUILTIN_RULES and cls not in BUILTIN_DOCUMENT_RULES and cls.id not in recipe.rules:
            continue  # a plugin's rules appear once the recipe sets them
        out.append(f"\n# {cls.name}: {cls.description}\n")
        out.append(f"[rules.{toml_string(cls.id)}]\n")
        out.append(f"enabled = {_toml_value(recipe.enabled(cls.id))}\n")
        for p in cls.params:
            if p.help:
                out.append(_comment(f"{p.label}: {p.help}"))
            out.append(f"{p.name} = {_toml_value(recipe.value(cls.id, p.name))}\n")
    c = recipe.custom
    out.append(
        "\n# Your own rules. Phrases match case-insensitively; regular expressions use Python syntax\n"
        "# (the `regex` module) and are stopped after regex_timeout_ms on one line, then reported.\n"
        "# keep_* lines are never dropped by any rule; [[override]] entries (set by hand in the window) win over all.\n"
        "[custom]\n"
    )
    for name in CustomRules.FIELDS:
        out.append(f"{name} = {_toml_value(getattr(c, name))}\n")
    out.append(f"regex_timeout_ms = {c.regex_timeout_ms}\n")
    out.append(
        "\n# HTML pages: which extractor finds the main content. trafilatura (the default) is the most accurate;\n"
        "# fast is trafilatura without its fallbacks; resiliparse is many times faster, for large crawls.\n"
        "[html]\n"
        f"extractor = {toml_string(recipe.extractor)}\n"
    )
    for o in recipe.overrides:
        out.append("\n[[override]]\n")
        if o.source:
            out.append(f"source = {toml_string(o.source)}\n")
        out.append(f"doc = {toml_string(o.doc)}\nline = {o.line}\naction = {toml_string(o.action)}\ntext = {toml_string(o.text)}\n")
    return "".join(out)


def save(recipe: Recipe, path: str | Path) -> None:
    """Write the recipe to `path`. A recipe file already there keeps its comments, order and layout: only the
    values that changed are rewritten (see `update_text`)."""
    target = Path(path)
    text = dumps(recipe)
    try:
        old = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        old = None
    if old is not None:
        try:
            text = update_text(old, recipe)
        except (tomlkit.exceptions.TOMLKitError, ValueError, TypeError):
            pass  # not a recipe we can edit in place (hand-broken TOML): write it afresh
    atomic_write_text(target, text)


def update_text(text: str, recipe: Recipe) -> str:
    """`text` (a recipe file, perhaps edited by hand) changed to hold `recipe`, with tomlkit so that comments,
    the order of tables and keys, and the formatting of values that did not change all stay."""
    doc = tomlkit.parse(text)
    doc["schema"] = SCHEMA_VERSION
    analyse = _table(doc, ANALYSE)
    for p in ANALYSE_PARAMS:
        _set(analyse, p.name, recipe.value(ANALYSE, p.name))
    rules = _table(doc, "rules")
    for rule_id, names in LEGACY_ANALYSE_KEYS.items():
        for name in names:
            if rule_id in rules and name in rules[rule_id]:
                del rules[rule_id][name]  # now in [analyse]
    for cls in (*line_rules(), *document_rules()):
        if cls not in BUILTIN_RULES and cls not in BUILTIN_DOCUMENT_RULES and cls.id not in recipe.rules and cls.id not in rules:
            continue
        table = _table(rules, cls.id)
        wanted = {"enabled": recipe.enabled(cls.id), **{p.name: recipe.value(cls.id, p.name) for p in cls.params}}
        for name, value in wanted.items():
            _set(table, name, list(value) if isinstance(value, tuple) else value)
    custom = _table(doc, "custom")
    for name in CustomRules.FIELDS:
        _set(custom, name, list(getattr(recipe.custom, name)))
    _set(custom, "regex_timeout_ms", recipe.custom.regex_timeout_ms)
    _set(_table(doc, "html"), "extractor", recipe.extractor)
    if "override" in doc:
        del doc["override"]
    if recipe.overrides:
        overrides = tomlkit.aot()
        for o in recipe.overrides:
            item = tomlkit.table()
            if o.source:
                item["source"] = o.source
            item.update({"doc": o.doc, "line": o.line, "action": o.action, "text": o.text})
            overrides.append(item)
        doc["override"] = overrides
    return tomlkit.dumps(doc)


def _table(parent: Any, name: str) -> Any:
    if name not in parent:
        parent[name] = tomlkit.table()
    return parent[name]


def _set(table: Any, name: str, value: Any) -> None:
    """Set a key only when its value changes, so an unchanged value keeps its formatting and comment."""
    if name in table:
        current = table[name]
        if (current.unwrap() if hasattr(current, "unwrap") else current) == value:
            return
    table[name] = value


def default_recipe_text() -> str:
    """The default recipe as shipped in resources/ (kept equal to dumps(default_recipe()) by a test)."""
    return read_resource(DEFAULT_RECIPE_RESOURCE)
