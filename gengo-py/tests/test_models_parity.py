"""The Python models are gengo-core's, field for field: generated from the same definitions
(tools/gengo-bindgen writes _models.py), and held equal here against what the native
module reports of the Rust models at run time."""

from __future__ import annotations

import inspect
import json

import gengo_rs
from gengo_rs import _native, models
from gengo_rs._model_base import Model, StrEnum

SHAPES = json.loads(_native.model_shapes())
RUST = {m["name"]: m for m in SHAPES["models"]}


def _python_models() -> dict[str, type[Model]]:
    return {
        name: cls
        for name, cls in vars(models).items()
        if inspect.isclass(cls) and issubclass(cls, Model) and cls is not Model and name in models.__all__
    }


def _held(shape: object) -> list[str]:
    if isinstance(shape, dict):
        if "model" in shape:
            return [str(shape["model"])]
        for k in ("list", "keyed"):
            if k in shape:
                return _held(shape[k])
    return []


def test_every_python_model_has_the_rust_models_fields_and_no_other() -> None:
    py = _python_models()
    assert py, "no models"
    for name, cls in py.items():
        assert name in RUST, f"{name} is a Python model that gengo-core does not have"
        want = {f["name"]: f["key"] for f in RUST[name]["fields"]}
        have = cls.fields()
        missing = sorted(set(want) - set(have))
        extra = sorted(set(have) - set(want))
        assert not missing and not extra, f"{name}: missing in Python {missing}, only in Python {extra}"
        assert have == want, f"{name}: keys differ: {have} != {want}"
        assert list(have) == list(want), f"{name}: order differs"


def test_every_model_an_operation_returns_is_a_python_model() -> None:
    py = _python_models()
    todo = [op["result_type"]["model"] for op in json.loads(_native.operations()) if op["result_type"]["model"]]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        assert name in py, f"{name} (returned by an operation, or held by a model that is) has no Python model"
        for f in RUST[name]["fields"]:
            todo.extend(_held(f["shape"]))
    assert {"Job", "Order", "QuoteEntry", "Translator"} <= seen
    assert "CallbackEvent" in py


def test_enums_have_the_rust_values_and_read_their_other_spellings() -> None:
    for e in SHAPES["enums"]:
        cls = getattr(models, e["name"])
        assert issubclass(cls, StrEnum)
        assert [m.value for m in cls] == [v["value"] for v in e["values"]], e["name"]
        for v in e["values"]:
            for alias in v["aliases"]:
                assert cls(alias).value == v["value"], (e["name"], alias)
            assert cls(v["value"].upper()).value == v["value"]


def test_the_job_model_carries_every_field_the_core_reads() -> None:
    job = gengo_rs.Job({"job_id": "7", "position": "2", "glossary_id": 12, "unit_type": "word", "captcha_url": "https://x/c.png", "preview_url": "https://x/p"})
    assert (job.job_id, job.position, job.glossary_id) == (7, 2, 12)
    assert job.unit_type is models.UnitType.WORD
    assert job.captcha_url and job.preview_url


def test_error_classes_are_the_core_error_kinds() -> None:
    kinds = json.loads(_native.error_kinds())
    for k in kinds:
        cls = gengo_rs.errors.error_class(k["name"])
        assert cls.__name__ == f"Gengo{k['class']}Error", k
        parent = gengo_rs.errors.error_class(k["parent"]) if k["parent"] else gengo_rs.GengoError
        assert cls.__mro__[1] is parent, (k, cls.__mro__)
        for field in k["carries"]:
            assert isinstance(inspect.getattr_static(cls, field["name"]), property), (k["name"], field)


def test_order_helpers_are_the_cores_rules() -> None:
    # Normalised results hold null where an id did not read. The helpers are gengo-core's
    # (a list reads when every element does): no exception, and the same answer as Rust.
    order = gengo_rs.Order({"order_id": 3, "jobs_available": [5, None], "jobs_reviewable": ["6", 7], "jobs_pending": [8], "jobs_queued": 0})
    assert order.job_ids() == [8, 6, 7]
    assert order.is_processed and order.in_progress
    assert gengo_rs.Order({}).job_ids() == []
