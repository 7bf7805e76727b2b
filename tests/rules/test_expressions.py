import pytest

from navigator.rules.expressions import (FUNCTIONS, ITERATION_BUDGET, SIGNATURES, ExpressionFailed,
                                         FunctionRefused, NoValue, TooLarge, compile_expression)


def _projected(text: str, variables: dict) -> dict:
    compiled = compile_expression(text)
    return {root: keep(variables[root]) if keep else variables[root]
            for root, keep in compiled._projectors if root in variables}


def test_size_of_a_list_keeps_only_what_is_read_of_its_elements():
    items = {"trainee": [{"ok": True, "values": {"a": "x"}, "name": "n"}, {"values": {}, "name": "m"}]}
    text = "items.trainee.filter(i, i.ok).size()"
    assert _projected(text, {"items": items}) == {"items": {"trainee": [{"ok": True}, {}]}}
    assert _projected("size(plan.menus) > 0", {"plan": {"menus": ["a"], "x": 1}}) == {
        "plan": {"menus": ["a"]}}


def test_a_list_read_whole_elsewhere_stays_whole():
    plan = {"menus": [{"id": "a", "x": 1}]}
    assert _projected("size(plan.menus) > 0 && plan.menus == []", {"plan": plan}) == {"plan": plan}


# --- the runtime's answers, as the engine reads them (see Compiled.run) -------------------------

SAMPLE = {"string": "'2024-04-01'", "int": "2", "double": "2.5", "list": "['2024-04-01', '2024-05-01']"}


def test_every_function_runs_in_cel_with_each_declared_signature():
    assert set(SIGNATURES) == set(FUNCTIONS)
    for name, signatures in SIGNATURES.items():
        for types in signatures:
            args = ", ".join(SAMPLE[t] for t in types)
            if name in {"sum", "max_of"}:
                args = "[1, 2]"
            assert compile_expression(f"{name}({args})").run({}) is not None, (name, types)


def test_a_missing_fact_a_missing_element_and_an_unknown_list_raise_lookup_errors():
    with pytest.raises(KeyError):
        compile_expression("plan.start_date < '2024-01-01'").run({"plan": {}})
    with pytest.raises(KeyError):
        compile_expression("size(workers) > 0").run({})
    with pytest.raises(IndexError):
        compile_expression("workers[3].insured").run({"workers": []})


def test_a_known_answer_absorbs_an_unknown_side():
    assert compile_expression("true || plan.start_date < '2024'").run({"plan": {}}) is True
    assert compile_expression("plan.x && false").run({"plan": {}}) is False


def test_a_function_with_no_value_and_a_refused_date_keep_their_kind_and_message():
    with pytest.raises(NoValue):
        compile_expression("earliest([]) < '2024-01-01'").run({})
    with pytest.raises(FunctionRefused, match="祝日データの対象外の年です"):
        compile_expression("open_day('2100-01-01')").run({})


def test_a_type_error_in_a_rule_is_a_failure_not_a_missing_fact():
    with pytest.raises(ExpressionFailed, match="No matching overloads"):
        compile_expression("0.8 * plan.hours").run({"plan": {"hours": 10}})
    assert compile_expression("0.8 * double(plan.hours)").run({"plan": {"hours": 10}}) == 8.0


def test_lists_too_long_for_one_evaluation_are_named_as_such():
    ids = [{"id": f"W{i}"} for i in range(ITERATION_BUDGET + 1)]
    with pytest.raises(TooLarge, match="10,000回まで"):
        compile_expression("workers.exists(w, w.id == 'none')").run({"workers": ids})
    assert compile_expression("workers.exists(w, w.id == 'none')").run({"workers": ids[:-2]}) is False
