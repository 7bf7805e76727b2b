"""FastAPI's request validation errors as Japanese sentences that each name their field.

A body of facts (the rules calculators) is labelled from the vocabulary
(「訓練1の訓練の初日」); path and query parameters from FIELD_LABELS or the parameter's title;
a body that is not JSON at all as 「送信内容（JSON）」.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from navigator.facts import Facts
from navigator.web.forms import FIELD_LABELS, message_for

BODY_LABEL = "送信内容（JSON）"


def field_errors(request: Request, exc: RequestValidationError) -> list[dict[str, str]]:
    """[{"field": "plan.start_date", "label": "制度導入・適用計画期間の初日", "message": "「…」は…。"}]"""
    route = request.scope.get("route")
    return [_describe(route, error) for error in exc.errors()]


def _describe(route: Any, error: dict[str, Any]) -> dict[str, str]:
    loc = tuple(error.get("loc") or ())
    if error.get("type") == "json_invalid":  # loc is ("body", position in the text)
        at = f"{loc[1] + 1}文字目付近: " if len(loc) > 1 and isinstance(loc[1], int) else ""
        reason = (error.get("ctx") or {}).get("error", "形式の誤り")
        return {"field": "body", "label": BODY_LABEL,
                "message": f"「{BODY_LABEL}」をJSONとして読み取れませんでした（{at}{reason}）。"}
    where, names = (loc[0], loc[1:]) if loc and loc[0] in ("body", "query", "path", "header", "cookie") else ("", loc)
    path = ""
    for part in names:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    label = _label(route, where, path, names)
    return {"field": path or where or "(全体)", "label": label, "message": message_for(error, label)}


def _label(route: Any, where: str, path: str, names: tuple) -> str:
    if not path:
        return BODY_LABEL if where == "body" else "入力"
    if where == "body":
        model = _body_model(route)
        if model is not None:
            from navigator.rules.explain import missing_label

            try:
                return missing_label(model, path)
            except Exception:  # a name the vocabulary does not have: show it as sent
                return path
    name = str(names[-1])
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    for param in _params(route):
        if param.name == name:
            info = param.field_info
            return info.title or (info.description or name).split("（")[0]
    return name


def _body_model(route: Any) -> type[Facts] | None:
    for param in getattr(getattr(route, "dependant", None), "body_params", []) or []:
        annotation = param.field_info.annotation
        if isinstance(annotation, type) and issubclass(annotation, Facts):
            return annotation
    return None


def _params(route: Any) -> list[Any]:
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return []
    return [*dependant.path_params, *dependant.query_params]
