"""Landing, sign-in, sign-out, password change, accepting an invitation, home per role."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import text
from sqlalchemy.orm import Session

from navigator.store import accounts, erasure, throttle
from navigator.store.errors import InvalidInput, NotFound
from navigator.web import forms
from navigator.web.auth import current_user, refresh_epoch, sign_in, sign_out
from navigator.web.deps import form_data, get_db
from navigator.web.templating import flash, render

router = APIRouter(include_in_schema=False)


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _safe_next(target: str | None) -> str:
    # Only paths on this site: "//evil.example" or "https://..." would be an open redirect.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/home"


@router.get("/")
def landing(request: Request):
    return render(request, "landing.html")


@router.get("/healthz", include_in_schema=False)
def healthz(db: Session = Depends(get_db)):
    db.execute(text("SELECT 1"))
    return {"status": "ok"}


@router.get("/login")
def login_page(request: Request, next: str | None = None):
    return render(request, "login.html", {"next": _safe_next(next)})


@router.post("/login")
def login(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db)):
    next_url = _safe_next(data.get("next"))
    form, errors = forms.validate(forms.LoginForm, data)
    user, status = None, 422
    if form:
        settings = request.app.state.settings
        limits = throttle.Limits(settings.login_failures_per_account, settings.login_failures_per_address,
                                 settings.login_failure_window_minutes)
        address = request.client.host if request.client else "unknown"
        refused = throttle.refusal(db, form.email, address, limits)
        if refused:
            errors, status = {"form": refused}, 429
        else:
            user = accounts.authenticate(db, form.email, form.password)
            if user is None:
                throttle.record_failure(db, form.email, address, limits)
                errors = {"form": "メールアドレスかパスワードが違います。"}
            else:
                throttle.clear(db, form.email)
    if errors:
        values = {"email": data.get("email", "")}
        return render(request, "login.html", {"errors": errors, "values": values, "next": next_url}, status)
    sign_in(request, user)
    flash(request, f"{user.display_name}さん、ようこそ。")
    return see_other(next_url)


@router.post("/logout")
def logout(request: Request):
    sign_out(request)
    flash(request, "サインアウトしました。")
    return see_other("/login")


@router.get("/home")
def home(request: Request):
    return render(request, "home.html")


@router.get("/account/password")
def password_page(request: Request):
    return render(request, "password.html")


@router.post("/account/password")
def change_password(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db)):
    form, errors = forms.validate(forms.PasswordChangeForm, data)
    if form and form.new_password != form.new_password_again:
        errors["new_password_again"] = "「新しいパスワード（確認）」が「新しいパスワード」と一致しません。"
    if not errors:
        user = current_user(request, db)
        try:
            accounts.change_password(db, user, form.current_password, form.new_password)
        except InvalidInput as exc:
            errors[exc.field] = exc.message
        else:
            refresh_epoch(request, user)
            flash(request, "パスワードを変更しました。ほかの端末のサインインは終了しました。")
            return see_other("/home")
    return render(request, "password.html", {"errors": errors}, 422)


@router.get("/invite/{token}")
def invitation_page(request: Request, token: str, db: Session = Depends(get_db)):
    invitation = _invitation_or_none(db, token)
    status = 200 if invitation else 404
    return render(request, "invite.html", {"invitation": invitation, "token": token}, status)


@router.post("/invite/{token}")
def accept_invitation(request: Request, token: str, data: dict = Depends(form_data), db: Session = Depends(get_db)):
    invitation = _invitation_or_none(db, token)
    if invitation is None:
        return render(request, "invite.html", {"invitation": None, "token": token}, 404)
    form, errors = forms.validate(forms.AcceptInvitationForm, data)
    if form and form.password != form.password_again:
        errors["password_again"] = "「パスワード（確認）」が「パスワード」と一致しません。"
    if not errors:
        try:
            user = accounts.accept_invitation(db, token, form.display_name, form.password)
        except InvalidInput as exc:
            errors[exc.field] = exc.message
        else:
            sign_in(request, user)
            flash(request, f"登録しました。{user.display_name}さん、ようこそ。")
            return see_other("/home")
    values = {"display_name": data.get("display_name", "")}
    context = {"invitation": invitation, "token": token, "errors": errors, "values": values}
    return render(request, "invite.html", context, 422)


def _invitation_or_none(db: Session, token: str):
    try:
        return accounts.open_invitation(db, token)
    except NotFound:
        return None


@router.get("/account/delete")
def delete_account_page(request: Request):
    return render(request, "account_delete.html")


@router.post("/account/delete")
def delete_account(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db)):
    user = current_user(request, db)
    form, errors = forms.validate(forms.DeleteAccountForm, data)
    if form and not form.confirm:
        errors = {"confirm": "「すべて削除されることを確認しました」にチェックを入れてください。"}
    if not errors:
        try:
            erasure.delete_account(db, user.id, form.password)
        except InvalidInput as exc:
            errors = {exc.field: exc.message}
    if errors:
        return render(request, "account_delete.html", {"errors": errors}, 422)
    sign_out(request)
    flash(request, "アカウントと、あなたのすべての記録を削除しました。")
    return see_other("/login")
