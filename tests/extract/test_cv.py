"""Cross-validation of the rules (truce.extract.cv) on the synthetic gold set's real files:
folds never split a group, a rule switched off is measured as switched off, the test split is
refused, and the command prints what it measured."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from truce.extract.cv import (
    CrossValidationSplit,
    Item,
    NothingToValidate,
    TooFewGroups,
    assign_folds,
    cross_validate,
    groups,
    load_items,
    rule_names,
    score,
)
from truce.extract.evaluate import evaluate_gold
from truce.extract.model import Article
from truce.extract.pipeline import build_pipeline, extract
from truce.extract.switches import RULES, UnknownRule, switched_off
from truce.extract.triggers import NAMED, TRIGGERS

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "gold"
_NLP = build_pipeline()


def _extract(article: Article) -> list[dict[str, Any]]:
    return [c.as_dict() for c in extract(_NLP, article)]


def _item(name: str, conflict: str, evidence: list[str]) -> Item:
    golds = [({"evidence": e, "type": "statement"}, (0, 1)) for e in evidence]
    return Item(name, conflict, Article(text="x", document=name), golds, [])


def test_the_gold_dev_documents_load_with_every_evidence_found() -> None:
    items = load_items(GOLD, "dev")
    metas = [json.loads(p.read_text()) for p in (GOLD / "documents").glob("*.meta.json")]
    assert len(items) == sum(m.get("split") == "dev" for m in metas) > 10
    assert all(span[0] >= 0 for item in items for _, span in item.golds)
    assert {i.conflict for i in items} >= {"gaza-2023"}  # from the names: gaza-2023-11-22-deal


def test_the_test_split_is_refused() -> None:
    with pytest.raises(CrossValidationSplit) as caught:
        load_items(GOLD, "test")
    assert caught.value.code == "X800"


def test_a_folder_with_no_documents_is_refused(tmp_path: Path) -> None:
    (tmp_path / "documents").mkdir()
    with pytest.raises(NothingToValidate) as caught:
        load_items(tmp_path, "dev")
    assert caught.value.code == "X803"


def test_copies_of_one_story_are_one_group_and_conflicts_group_by_conflict() -> None:
    shared = "Hamas freed 12 hostages on Friday, the Qatari foreign ministry said."
    items = [
        _item("a", "gaza-2023", [shared]),
        _item(
            "b",
            "gaza-2023",
            ["  hamas freed 12 hostages on friday,\nthe Qatari foreign ministry said."],
        ),  # fmt: skip
        _item("c", "gaza-2023", ["Israel released 39 prisoners from Ofer prison overnight."]),
        _item("d", "yemen-2022", ["yes."]),  # too short to tie stories together
        _item("e", "yemen-2022", ["yes."]),
    ]
    story = groups(items, "story")
    assert story["a"] == story["b"] == "a"
    assert len({story["c"], story["d"], story["e"], story["a"]}) == 4
    conflict = groups(items, "conflict")
    assert conflict["a"] == conflict["b"] == conflict["c"] != conflict["d"] == conflict["e"]
    assert len(set(groups(items, "report").values())) == 5


def test_folds_keep_groups_whole_balance_sizes_and_are_reproducible() -> None:
    items = [_item(f"r{n}", "c", []) for n in range(9)]
    group_of = {i.id: i.id for i in items} | {"r1": "r0", "r2": "r0", "r3": "r0"}
    fold_of = assign_folds(items, group_of, 3)
    assert fold_of["r0"] == fold_of["r1"] == fold_of["r2"] == fold_of["r3"]
    # The four-report group first, alone in its fold; the singletons shared out over the rest.
    assert [list(fold_of.values()).count(f) for f in range(3)] == [4, 3, 2]
    assert assign_folds(list(reversed(items)), group_of, 3) == fold_of
    with pytest.raises(TooFewGroups) as caught:
        assign_folds(items, group_of, 7)  # six groups
    assert caught.value.code == "X801"
    with pytest.raises(TooFewGroups):
        assign_folds(items, group_of, 1)


def test_folds_pool_to_the_whole_split_score() -> None:
    items = load_items(GOLD, "dev")
    cv = cross_validate(items, _extract, folds=3)
    pooled = score(items, cv.base).report.overall
    per_fold = [s.report.overall for s in cv.fold_scores()]
    assert sum(s.tp for s in per_fold) == pooled.tp
    assert sum(s.fp for s in per_fold) == pooled.fp
    assert sum(s.fn for s in per_fold) == pooled.fn
    whole = evaluate_gold(GOLD, _extract, "dev").overall
    assert (whole.tp, whole.fp, whole.fn) == (pooled.tp, pooled.fp, pooled.fn)
    assert sorted(i for s in cv.fold_scores() for i in s.reports) == sorted(i.id for i in items)


def test_an_ablated_rule_is_scored_as_switched_off() -> None:
    items = load_items(GOLD, "dev")
    cv = cross_validate(items, _extract, folds=3, rules=["kind.release"])
    (ablation,) = cv.ablations
    with_it = evaluate_gold(GOLD, _extract, "dev").overall.f1
    with switched_off(["kind.release"]):
        without = evaluate_gold(GOLD, _extract, "dev")
    assert "release" not in without.events or without.events["release"].tp == 0
    assert ablation.pooled == pytest.approx(with_it - without.overall.f1)
    assert ablation.pooled > 0.05 and ablation.helps == 3  # releases are in every fold
    assert ablation.verdict == "helps held-out"
    assert ablation.fields[0] > 0  # fewer releases matched, fewer dates right
    # The right fields per fold add up to the pooled change (a field rule is judged by fold).
    assert len(ablation.fields_per_fold) == 3
    assert tuple(map(sum, zip(*ablation.fields_per_fold, strict=True))) == ablation.fields
    assert ablation.as_dict()["delta_right_per_fold"] == [list(f) for f in ablation.fields_per_fold]
    # Whole kinds are reported, never dropped by the selection.
    assert cv.selection["dropped_per_fold"] == [[], [], []]


def test_switching_a_rule_off_changes_extraction_and_only_inside_the_block() -> None:
    text = "Hamas freed 12 hostages on Friday. Israel accused Hamas of violating the truce."
    article = Article(text=text, document="invented.txt")
    kinds = {c["type"] for c in _extract(article)}
    assert {"release", "breach"} <= kinds
    with switched_off(["kind.release"]):
        assert "release" not in {c["type"] for c in _extract(article)}
        with switched_off(["kind.breach"]):
            assert not {"release", "breach"} & {c["type"] for c in _extract(article)}
        assert "breach" in {c["type"] for c in _extract(article)}
    assert {c["type"] for c in _extract(article)} == kinds
    with pytest.raises(UnknownRule) as caught, switched_off(["kind.nonsense"]):
        pass
    assert caught.value.code == "X802"


def test_every_named_rule_is_asked_for_somewhere_in_the_extractor() -> None:
    source = "\n".join(
        p.read_text() for p in (ROOT / "src" / "truce" / "extract").rglob("*.py")
        if p.name != "switches.py"
    )  # fmt: skip
    for name in RULES:
        if name.startswith("kind."):
            assert "_SWITCH[kind]" in source  # events.py asks per kind
            continue
        if name.startswith("trigger.") and name.count(".") == 2:
            _, kind, branch = name.split(".")
            assert f"{kind}__{branch}" in NAMED[TRIGGERS[kind]].groupindex  # sentence_view asks
            continue
        assert f'on("{name}")' in source, name


def test_rule_names_accept_groups_and_refuse_unknown_names() -> None:
    assert rule_names("kinds") == [r for r in RULES if r.startswith("kind.")]
    assert set(rule_names("rules")) | set(rule_names("kinds")) == set(RULES)
    assert rule_names(" breach.any, doc.location ") == ["breach.any", "doc.location"]
    with pytest.raises(UnknownRule):
        rule_names("breach.any,breach.nonsense")


def test_the_command_prints_folds_ablations_and_the_selection(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    shutil.copytree(GOLD, gold)
    command = [sys.executable, "-m", "truce.extract.cv", str(gold), "--folds", "3"]
    run = subprocess.run(
        [*command, "--rules", "kind.release,breach.any", "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = json.loads(run.stdout)
    assert len(out["folds"]) == 3 and out["pooled"]["reports"] == sum(
        f["reports"] for f in out["folds"]
    )
    assert [a["rule"] for a in out["ablations"]] == ["kind.release", "breach.any"]
    text = subprocess.run([*command, "--no-ablation"], capture_output=True, text=True, check=True)
    assert "pool" in text.stdout and "rule switched off" not in text.stdout
    refused = subprocess.run([*command, "--split", "test"], capture_output=True, text=True)
    assert refused.returncode == 2 and "[X800]" in refused.stderr


def test_a_trigger_alternative_switched_off_finds_nothing_and_the_others_still_do() -> None:
    text = (
        "The army carried out 26 assaults on the town overnight. "
        "Hamas violated the truce on Monday, Israel said."
    )
    article = Article(text=text, document="invented.txt")
    spans = {
        text[c["span"][0] : c["span"][1]][:9] for c in _extract(article) if c["type"] == "breach"
    }
    assert spans == {"The army ", "Hamas vio"}
    with switched_off(["trigger.breach.carried_out"]):
        found = _extract(article)
    assert {text[c["span"][0] : c["span"][1]][:9] for c in found if c["type"] == "breach"} == {
        "Hamas vio"
    }
