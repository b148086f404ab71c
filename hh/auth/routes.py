"""Sign in, sign out, change password, accept an invitation."""
from flask import current_app, flash, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user

from hh.auth import bp, services
from hh.auth.forms import ChangePasswordForm, LoginForm, SetPasswordForm
from hh.extensions import limiter
from hh.forms import ButtonForm
from hh.web import PUBLIC, SIGNED_IN, allow, form_status, render, safe_next, saved, submit


def _login_limit() -> str:
    return current_app.config["LOGIN_LIMIT"]


def _account_key() -> str:
    return "account:" + services.normalize_email(request.form.get("email", ""))[:254]


def _failed(response) -> bool:
    # Only failed attempts count towards the limit; a successful sign-in redirects.
    return response.status_code != 303


@bp.route("/login", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_limit, methods=["POST"], key_func=_account_key, deduct_when=_failed)
def login():
    """Sign in with email and password. The same message for unknown email or wrong password."""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("main.home"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            session.clear()  # nothing from before sign-in carries over
            login_user(user)
            services.start_session()
            return redirect(safe_next(form.next.data, url_for("main.home")), 303)
        form.password.errors.append("Email or password is not right.")
    status = 422 if request.method == "POST" else 200
    return render("auth/login.html", form=form, demo_users=_demo_users(), status=status)


def _demo_users():
    if not current_app.config["DEMO_MODE"]:
        return []
    from hh.demo import DEMO_USERS

    return DEMO_USERS


@bp.route("/logout", methods=["POST"])
@allow(*SIGNED_IN)
def logout():
    """Sign out everywhere: every cookie of this user stops working."""
    form = ButtonForm()
    if form.validate_on_submit():
        services.sign_out(current_user._get_current_object())
        logout_user()
        session.clear()
        flash("You are signed out.", "success")
    return redirect(url_for("auth.login"), 303)


@bp.route("/password", methods=["GET", "POST"])
@allow(*SIGNED_IN)
def password():
    """Change your own password (the current one is required)."""
    form = ChangePasswordForm()
    user = current_user._get_current_object()
    if submit(form, lambda: services.change_password(user, form.current_password.data,
                                                     form.new_password.data)):
        # Other browsers are signed out; this one carries on with the new token.
        login_user(user)
        services.start_session()
        return saved("Your password is changed. Other devices are signed out.", "main.home")
    return render("auth/password.html", form=form, status=form_status())


# The invitation token never stays in an address: access logs, the browser's history and the
# Referer would keep it. The link carries it in the query string (gunicorn logs paths without
# one); the first visit moves it into the session and continues at the plain /auth/invite.


@bp.route("/invite/<token>")
@allow(PUBLIC)
def invite_link(token: str):
    """Links handed out before the token moved to the query string: they still work."""
    return _keep_invite_token(token)


@bp.route("/invite", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
def invite():
    """Accept an invitation: the new user chooses their password."""
    if request.args.get("token"):
        return _keep_invite_token(request.args["token"])
    user = services.user_by_invite(session.get("invite_token", ""))
    if user is None:
        return render("auth/invite_invalid.html", status=404)
    form = SetPasswordForm()
    if submit(form, lambda: services.accept_invite(user, form.new_password.data)):
        session.pop("invite_token", None)
        return saved("Your password is set. Sign in to continue.", "auth.login")
    return render("auth/invite.html", form=form, invited=user, status=form_status())


def _keep_invite_token(token: str):
    session["invite_token"] = token[:100]
    return redirect(url_for("auth.invite"), 303)
