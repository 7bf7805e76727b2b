from navigator.rules.expressions import compile_expression


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
