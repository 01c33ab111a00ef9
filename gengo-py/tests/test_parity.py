"""Parity with gengo-core's table: every operation is a typed method of Client and
AsyncClient and callable through call() by its canonical and official names; every
error kind has its exception class, under the parent the core names."""

from __future__ import annotations

import asyncio
import inspect
import json
from typing import Any, List

import pytest

import gengo_rs
from gengo_rs import _native
from gengo_rs.errors import GengoError, error_class


def _positional(op: dict[str, Any]) -> List[dict[str, Any]]:
    return [p for p in op["params"] if p["required"] and not (p["name"] == "action" and op["action"])]


def test_every_operation_is_a_method_on_both_clients(client: gengo_rs.Client) -> None:
    ops = gengo_rs.operations()
    assert len(ops) == 35
    for op in ops:
        name = op["name"]
        sync = getattr(gengo_rs.Client, name)
        aio = getattr(gengo_rs.AsyncClient, name)
        assert inspect.iscoroutinefunction(aio), name
        want = [p["name"] for p in _positional(op)]
        for fn in (sync, aio):
            params = list(inspect.signature(fn).parameters.values())[1:]
            got = [p.name for p in params if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
            assert got == want, (name, got, want)
        # Dispatch reaches gengo-core with this operation (ids 0 fail validation there).
        args = [None if p["kind"] == "value" else 0 for p in _positional(op)]
        try:
            getattr(client, name)(*args)
        except (gengo_rs.GengoValidationError, gengo_rs.GengoApiError):
            pass
        for alias in filter(None, [name, op["alias"]]):
            try:
                client.call(alias)
            except gengo_rs.GengoInvalidArgumentError as e:  # pragma: no cover - the failure case
                pytest.fail(f"call({alias!r}) is unknown: {e}")
            except gengo_rs.GengoError:
                pass


def test_async_methods_run(sandbox) -> None:
    async def main() -> Any:
        async with gengo_rs.AsyncClient("sandbox_public_key", "sandbox_private_key", base_url=sandbox.url, rate_limit_per_minute=0, from_env=False) as c:
            return await asyncio.gather(c.account_balance(), c.languages(), c.language_pairs(lc_src="ja"))

    balance, languages, pairs = asyncio.run(main())
    assert balance.currency == "USD" and languages and all(p.lc_src == "ja" for p in pairs)


def test_every_error_kind_has_its_class_under_the_core_s_parent() -> None:
    kinds = json.loads(_native.error_kinds())
    assert [k["number"] for k in kinds] == list(range(1, 13))
    for k in kinds:
        cls = error_class(k["name"])
        assert cls.__name__ == f"Gengo{k['class']}Error"
        parent = error_class(k["parent"]) if k["parent"] else GengoError
        assert parent in cls.__bases__, (cls, parent)
        assert getattr(gengo_rs, cls.__name__) is cls
